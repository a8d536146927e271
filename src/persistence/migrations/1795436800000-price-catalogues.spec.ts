import { catalogueProblems, type PriceCatalogueDefinition } from '../../domain';
import { PRICE_CATALOGUE_V1 } from './1795436800000-price-catalogues';

describe('the seeded price catalogue, version 1', () => {
  it('is a valid catalogue definition', () => {
    expect(catalogueProblems(PRICE_CATALOGUE_V1 as PriceCatalogueDefinition)).toEqual([]);
  });
});
