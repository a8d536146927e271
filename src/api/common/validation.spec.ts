import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import { ApiException } from './api-error';
import { createValidationPipe } from './validation';

class Item {
  @IsString() code: string;
  @IsInt() @Min(1) quantity: number;
}

class Inner {
  @IsString() name: string;
}

class Body {
  @IsObject() @ValidateNested() @Type(() => Inner) inner: Inner;
  @IsArray() @ValidateNested({ each: true }) @Type(() => Item) items: Item[];
}

describe('validation pipe', () => {
  const pipe = createValidationPipe();
  const metadata: ArgumentMetadata = { type: 'body', metatype: Body };

  async function fieldsOf(value: unknown): Promise<string[]> {
    try {
      await pipe.transform(value, metadata);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ApiException);
      return ((error as ApiException).details as { field: string }[]).map((d) => d.field);
    }
  }

  it('names nested and array fields with paths', async () => {
    expect(
      await fieldsOf({
        inner: { name: 1 },
        items: [
          { code: 'a', quantity: 1 },
          { code: 'b', quantity: 0 },
        ],
      }),
    ).toEqual(['inner.name', 'items[1].quantity']);
  });

  it('refuses unknown fields at any depth', async () => {
    expect(await fieldsOf({ inner: { name: 'x', extra: 1 }, items: [], other: true })).toEqual([
      'other',
      'inner.extra',
    ]);
  });

  it('refuses an array body as a whole', async () => {
    expect(await fieldsOf([1, 2])).toEqual(['body']);
  });
});
