import 'server-only';

export type Row = {
  r_guest_id: string;
  r_codename: string;
  r_event_name: string;
  r_starts_at: string | Date;
  r_name: string;
  r_email: string;
  r_plus_ones: number;
  r_status: string;
  r_responded_at: string | Date | null;
  r_needs: unknown;
};
