import type { ProfileField, ProfileVisibility } from '@/lib/authz/profiles';

/** How profile fields and visibilities read on the pages (safe for client components). */
export const PROFILE_FIELD_LABELS: Record<ProfileField, string> = {
  display_name: 'Display name',
  bio: 'Bio',
  social_handles: 'Social handles',
  portfolio_links: 'Portfolio links',
  media_kit: 'Media kit',
  experience: 'Experience',
  skills: 'Skills',
  audience: 'Audience figures',
  rates: 'Rates',
  location: 'Location',
  date_of_birth: 'Date of birth',
  contact: 'Contact details',
};

export const VISIBILITY_LABELS: Record<ProfileVisibility, string> = {
  private: 'Private — only the agency people cleared for you',
  brand: 'Brands — shown to a brand when the agency proposes you for a campaign',
  public: 'Public — on your public profile page, for anyone',
};
