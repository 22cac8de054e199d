import { useLocaleState } from 'react-admin';
import { DEFAULT_TIME_ZONE, useInstitution } from '../institution/institutionApi';
import { formatInZone } from './deadline';

/** Formats instants on the institution's clock in the console's language; also names the zone. */
export function useZonedFormat(): { format: (iso: string | Date | null) => string; zone: string } {
  const [locale] = useLocaleState();
  const zone = useInstitution()?.timeZone ?? DEFAULT_TIME_ZONE;
  return { format: (iso) => (iso === null ? '—' : formatInZone(iso, zone, locale)), zone };
}
