import { describeField, type IntakeProblem } from './order-draft';

/** The automatic check's problems, all in one list (each is also shown at its field of the form). */
export function ProblemList({ problems, title }: { problems: readonly IntakeProblem[]; title: string }) {
  if (problems.length === 0) return null;
  return (
    <section className="intake-problems" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.field}: ${problem.problem}`} data-problem-field={problem.field}>
            <strong>{describeField(problem.field)}</strong>: {problem.problem}
          </li>
        ))}
      </ul>
    </section>
  );
}
