import { sql } from 'kysely'

import { MENTOR_LOGIN_PATTERN } from './finder'

/**
 * next-step.ts `canReachMentors` in SQL, for a project read as `p`: a mentor and a contact for the
 * project, or a mentor with an account here or written as an @login (`MENTOR_LOGIN_PATTERN`, which
 * PostgreSQL reads as JavaScript does). A name alone, as an old list wrote it, is nobody to ask.
 * One expression for every query that counts mentors: the finder ("Has a mentor", the mentor wish)
 * and the triage queue (a project without one is still to triage), so they cannot drift apart;
 * finder.server.test.ts and triage.server.test.ts each hold it to `canReachMentors`.
 * `x in (subquery)`: PostgreSQL hashes the few mentored project ids once.
 */
export const CAN_REACH_MENTORS = sql<boolean>`(p.id in (select project_id from starter_project_mentor where account_id is not null or name ~ ${MENTOR_LOGIN_PATTERN}) or (p.mentor_contact is not null and p.id in (select project_id from starter_project_mentor)))`
