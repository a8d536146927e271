import { haversineKm, isWithinRadius } from './geo';

describe(haversineKm.name, () => {
  it.each([
    ['same point', { lat: 31.23, lng: 121.47 }, { lat: 31.23, lng: 121.47 }, 0, 0.001],
    ['one degree of latitude', { lat: 0, lng: 0 }, { lat: 1, lng: 0 }, 111.19, 0.01],
    ['Paris to London', { lat: 48.8566, lng: 2.3522 }, { lat: 51.5074, lng: -0.1278 }, 343.6, 0.5],
    ['Berlin to Shanghai', { lat: 52.52, lng: 13.405 }, { lat: 31.2304, lng: 121.4737 }, 8410, 15],
    ['antipodes', { lat: 0, lng: 0 }, { lat: 0, lng: 180 }, 20015.1, 0.5],
  ])('%s', (_label, a, b, km, tolerance) => {
    expect(Math.abs(haversineKm(a, b) - km)).toBeLessThanOrEqual(tolerance);
    expect(haversineKm(b, a)).toBeCloseTo(haversineKm(a, b), 9);
  });
});

describe(isWithinRadius.name, () => {
  const customer = { lat: 31.2304, lng: 121.4737 };
  // 0.0045° of latitude is about 500 m.
  it.each([
    [{ lat: 31.2304, lng: 121.4737 }, 500, true],
    [{ lat: 31.2304 + 0.004, lng: 121.4737 }, 500, true],
    [{ lat: 31.2304 + 0.005, lng: 121.4737 }, 500, false],
    [{ lat: 31.2304 + 0.005, lng: 121.4737 }, 1000, true],
  ])('%p within %d m → %p', (position, meters, expected) => {
    expect(isWithinRadius(position, customer, meters)).toBe(expected);
  });
});
