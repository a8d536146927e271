import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ORDER_NO_PATTERN } from '../domain';
import { NO_SECURITY_EXTENSION } from './common/auth.decorators';
import { CALENDAR_NAME_PATTERN } from './policies/policy.dto';

/** Name of the one `Idempotency-Key` header declaration under `components.parameters`. */
export const IDEMPOTENCY_KEY_PARAMETER = 'IdempotencyKey';

/** What the server's path pipes enforce (OrderNoPipe, UuidPipe, the calendar name check), for every route. */
const PATH_PARAMETERS: Record<string, { schema: SchemaObject; description: string }> = {
  orderNo: {
    schema: { type: 'string', pattern: ORDER_NO_PATTERN.source, example: 'SO-20300501-000001' },
    description: 'Order number `SO-YYYYMMDD-NNNNNN`',
  },
  id: { schema: { type: 'string', format: 'uuid' }, description: 'Id (a UUID)' },
  name: {
    schema: { type: 'string', pattern: CALENDAR_NAME_PATTERN.source, example: 'cn-office' },
    description: 'Calendar name: 1–100 letters, digits, `_`, `.` or `-`',
  },
  requestId: {
    schema: { type: 'string', minLength: 1 },
    description: 'Id of the parts request (its first 100 characters are used)',
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function operationsOf(document: OpenAPIObject): [string, string, OperationObject][] {
  return Object.entries(document.paths).flatMap(([path, item]: [string, PathItemObject]) =>
    METHODS.flatMap((method) => (item[method] ? [[path, method, item[method]] as const] : [])).map(
      ([p, m, operation]): [string, string, OperationObject] => [p, m, operation],
    ),
  );
}

const isReference = (value: ParameterObject | ReferenceObject): value is ReferenceObject => '$ref' in value;

/**
 * What Nest's document builder cannot say by decorators alone: `security: []` on public operations, one
 * `Idempotency-Key` component referenced by every operation that honours it, and the patterns of path
 * parameters. Fails when an operation declares no security at all (a protected route missing ApiProtected).
 */
export function finishOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const parameters: Record<string, ParameterObject | ReferenceObject> = {
    ...(document.components?.parameters ?? {}),
  };
  for (const [path, method, operation] of operationsOf(document)) {
    const extensions = operation as OperationObject & Record<string, unknown>;
    if (extensions[NO_SECURITY_EXTENSION]) {
      delete extensions[NO_SECURITY_EXTENSION];
      operation.security = [];
    }
    if (!operation.security) {
      throw new Error(
        `${method.toUpperCase()} ${path} declares no security: use ApiProtected, Public or ApiSecurity`,
      );
    }
    operation.parameters = operation.parameters?.map((parameter) => {
      if (isReference(parameter)) return parameter;
      if (parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key') {
        parameters[IDEMPOTENCY_KEY_PARAMETER] ??= parameter;
        return { $ref: `#/components/parameters/${IDEMPOTENCY_KEY_PARAMETER}` };
      }
      const known = parameter.in === 'path' ? PATH_PARAMETERS[parameter.name] : undefined;
      if (known && !(parameter.schema && 'enum' in parameter.schema)) {
        return {
          ...parameter,
          description: parameter.description ?? known.description,
          schema: known.schema,
        };
      }
      return parameter;
    });
  }
  document.components = { ...document.components, parameters };
  return document;
}
