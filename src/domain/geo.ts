export interface GeoPoint {
  lat: number;
  lng: number;
}

// Mean Earth radius (IUGG); good to about 0.5% anywhere, which is plenty for dispatch and check-in.
const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  // min() guards asin against rounding just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Check-in position within the policy's radius of the customer (SPEC §2 stage 8); the edge counts as inside. */
export function isWithinRadius(a: GeoPoint, b: GeoPoint, meters: number): boolean {
  return haversineKm(a, b) * 1000 <= meters;
}
