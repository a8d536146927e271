import type { Words } from './words';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * A score from 1 to 5 as five stars: radio buttons (each named "n of 5" for assistive technology and the
 * tests), drawn as stars filled up to the chosen one.
 */
export function ScoreInput({
  legend,
  name,
  value,
  onChange,
  words,
}: {
  legend: string;
  name: string;
  value: number | null;
  onChange: (score: number) => void;
  words: Words;
}) {
  return (
    <fieldset className="customer-score" data-field={name}>
      <legend className="field-label">{legend}</legend>
      <div className="customer-stars">
        {SCORES.map((score) => (
          <label key={score} className={value !== null && score <= value ? 'filled' : ''}>
            <input
              type="radio"
              name={name}
              value={score}
              checked={value === score}
              onChange={() => onChange(score)}
              aria-label={words.acceptance.stars(score)}
            />
            <span aria-hidden="true">★</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
