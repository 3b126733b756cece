// The signed record, downloaded from the project's authorizations page: the same handler as from /client.
export { GET } from '@/app/(portal)/client/records/[recordId]/route';
