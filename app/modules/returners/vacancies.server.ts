/** Councils' vacancies: a programme lead's own posts, and the public list of open ones. */
import { and, asc, count, desc, eq, gte, inArray, isNull, type SQL } from "drizzle-orm";
import { organisations, vacancies } from "#db/schema";
import { actedBy, type OrganisationActor, recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";
import { specialismsMatching, VACANCIES_PER_PAGE, type VacancyFilters } from "./vacancies";
import type { VacancyInput } from "./vacancy-schema.server";

export type Actor = OrganisationActor;

export type VacancyRow = typeof vacancies.$inferSelect;

/** All of one organisation's posts, open, closed and withdrawn, the latest closing first. */
export async function listOrganisationVacancies(organisationId: string) {
  const db = await getDb();
  return db
    .select()
    .from(vacancies)
    .where(eq(vacancies.organisationId, organisationId))
    .orderBy(desc(vacancies.closesOn), asc(vacancies.title));
}

/** One of the organisation's posts; another organisation's is not found. */
export async function findOrganisationVacancy(organisationId: string, vacancyId: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(vacancies)
    .where(and(eq(vacancies.id, vacancyId), eq(vacancies.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

function columnsOf(input: VacancyInput) {
  return {
    title: input.title,
    team: input.team,
    region: input.region,
    grade: input.grade,
    salaryFrom: input.salaryFrom,
    salaryTo: input.salaryTo,
    specialism: input.specialism,
    returnerFriendly: input.returnerFriendly,
    supervisionOffered: input.supervisionOffered,
    inductionOffered: input.inductionOffered,
    description: input.description,
    closesOn: input.closesOn,
  };
}

export async function createVacancy(actor: Actor, input: VacancyInput) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(vacancies)
      .values({ ...columnsOf(input), organisationId: actor.organisationId, postedById: actor.userId })
      .returning();
    await recordAudit(
      {
        ...actedBy(actor),
        action: "vacancy.posted",
        subjectType: "vacancy",
        subjectId: row!.id,
        detail: { title: input.title, closesOn: input.closesOn },
      },
      tx,
    );
    return row!;
  });
}

export async function updateVacancy(actor: Actor, vacancyId: string, input: VacancyInput) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(vacancies)
      .set({ ...columnsOf(input), updatedAt: new Date() })
      .where(and(eq(vacancies.id, vacancyId), eq(vacancies.organisationId, actor.organisationId)))
      .returning({ id: vacancies.id });
    if (!row) return false;
    await recordAudit(
      {
        ...actedBy(actor),
        action: "vacancy.updated",
        subjectType: "vacancy",
        subjectId: vacancyId,
        detail: { title: input.title, closesOn: input.closesOn },
      },
      tx,
    );
    return true;
  });
}

/** Takes a post down before its closing date. A post already withdrawn is left as it is. */
export async function withdrawVacancy(actor: Actor, vacancyId: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(vacancies)
      .set({ withdrawnAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(vacancies.id, vacancyId),
          eq(vacancies.organisationId, actor.organisationId),
          isNull(vacancies.withdrawnAt),
        ),
      )
      .returning({ id: vacancies.id, title: vacancies.title });
    if (!row) return false;
    await recordAudit(
      {
        ...actedBy(actor),
        action: "vacancy.withdrawn",
        subjectType: "vacancy",
        subjectId: vacancyId,
        detail: { title: row.title },
      },
      tx,
    );
    return true;
  });
}

/** Open posts: not withdrawn, and the closing date is today or later. Closed ones leave by themselves. */
function openOn(today: string): SQL {
  return and(gte(vacancies.closesOn, today), isNull(vacancies.withdrawnAt))!;
}

const publicColumns = {
  id: vacancies.id,
  title: vacancies.title,
  team: vacancies.team,
  region: vacancies.region,
  grade: vacancies.grade,
  salaryFrom: vacancies.salaryFrom,
  salaryTo: vacancies.salaryTo,
  specialism: vacancies.specialism,
  returnerFriendly: vacancies.returnerFriendly,
  supervisionOffered: vacancies.supervisionOffered,
  inductionOffered: vacancies.inductionOffered,
  description: vacancies.description,
  closesOn: vacancies.closesOn,
  withdrawnAt: vacancies.withdrawnAt,
  organisationId: vacancies.organisationId,
  council: organisations.name,
};

/** The public list: open posts matching the filters, closing soonest first, a page at a time. */
export async function listOpenVacancies(filters: VacancyFilters, today: string) {
  const db = await getDb();
  const where = and(
    openOn(today),
    filters.region ? eq(vacancies.region, filters.region) : undefined,
    filters.specialism ? inArray(vacancies.specialism, specialismsMatching(filters.specialism)) : undefined,
    filters.returnerFriendly ? eq(vacancies.returnerFriendly, true) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(publicColumns)
      .from(vacancies)
      .innerJoin(organisations, eq(organisations.id, vacancies.organisationId))
      .where(where)
      .orderBy(asc(vacancies.closesOn), asc(vacancies.title), asc(vacancies.id))
      .limit(VACANCIES_PER_PAGE)
      .offset((filters.page - 1) * VACANCIES_PER_PAGE),
    db.select({ n: count() }).from(vacancies).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Any post, with its council's name, for its public page (which says when it has closed). */
export async function findPublicVacancy(vacancyId: string) {
  const db = await getDb();
  const [row] = await db
    .select(publicColumns)
    .from(vacancies)
    .innerJoin(organisations, eq(organisations.id, vacancies.organisationId))
    .where(eq(vacancies.id, vacancyId))
    .limit(1);
  return row ?? null;
}

/** Every open post, for matching a returner to them. */
export async function listAllOpenVacancies(today: string) {
  const db = await getDb();
  return db
    .select(publicColumns)
    .from(vacancies)
    .innerJoin(organisations, eq(organisations.id, vacancies.organisationId))
    .where(openOn(today))
    .orderBy(asc(vacancies.closesOn))
    .limit(500);
}
