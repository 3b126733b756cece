import type { LawfulBasis } from '@/lib/privacy/lawful-bases';
import type { DataCategory } from '@/lib/privacy/processing-vocabulary';

/** The demo world's purposes and lawful bases for the register of processing activities (privacy policy §3-§4). */
export const DEMO_PURPOSES: readonly { category: DataCategory; purpose: string; lawfulBasis: LawfulBasis }[] = [
  {
    category: 'identity_contact',
    purpose: 'Managing talent, brand and agency relationships and their accounts',
    lawfulBasis: 'contract',
  },
  { category: 'identity_contact', purpose: 'Answering privacy rights requests', lawfulBasis: 'legal_obligation' },
  {
    category: 'deal_terms',
    purpose: 'Negotiating and administering talent and brand contracts',
    lawfulBasis: 'contract',
  },
  { category: 'logistics', purpose: 'Planning shoots, travel and the security of talent', lawfulBasis: 'contract' },
  { category: 'creative', purpose: 'Producing campaigns and creative work', lawfulBasis: 'contract' },
  {
    category: 'communications',
    purpose: 'Keeping notes of calls and meetings to run engagements',
    lawfulBasis: 'legitimate_interests',
  },
  {
    category: 'credentials',
    purpose: 'Operating accounts a client hands over, at their request',
    lawfulBasis: 'contract',
  },
  {
    category: 'events',
    purpose: 'Running events and meeting guests’ dietary and accessibility needs',
    lawfulBasis: 'consent',
  },
  { category: 'profiles', purpose: 'Presenting talent and creators to brands', lawfulBasis: 'consent' },
  {
    category: 'usage_data',
    purpose: 'Securing the portal and proving who accessed what',
    lawfulBasis: 'legitimate_interests',
  },
];
