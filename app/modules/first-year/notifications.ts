/** What the year's team manager is told, and in which words. Pure: sent by notifications.server.ts. */

export type TeamManagerNotice =
  { kind: "named" } | { kind: "agreement" } | { kind: "review"; code: string; title: string; final: boolean };

/** The email for one notice (pure, so its words are tested). */
export function teamManagerEmail(
  notice: TeamManagerNotice,
  to: { name: string; learnerName: string },
  yearUrl: string,
): { subject: string; text: string } {
  const { name, learnerName } = to;
  switch (notice.kind) {
    case "named":
      return {
        subject: `You are ${learnerName}'s team manager for the assessed year`,
        text: [
          `Hello ${name},`,
          "",
          `You have been named as ${learnerName}'s team manager for their assessed year on Practice Pathways. As team manager you sign their learning agreement with them and their supervisor, and countersign their reviews and the final recommendation.`,
          "",
          `Their year: ${yearUrl}`,
        ].join("\n"),
      };
    case "agreement":
      return {
        subject: `${learnerName}'s learning agreement is ready for you to sign`,
        text: [
          `Hello ${name},`,
          "",
          `${learnerName} and their supervisor have signed the learning agreement. As team manager, read it and sign it too:`,
          "",
          `${yearUrl}/agreement`,
        ].join("\n"),
      };
    case "review": {
      const what = notice.final ? "final assessment recommendation" : notice.title.toLowerCase();
      return {
        subject: `${learnerName}'s ${what} is ready for your countersignature`,
        text: [
          `Hello ${name},`,
          "",
          `${learnerName}'s supervisor has approved the ${what}. As team manager, read it and countersign it:`,
          "",
          `${yearUrl}/reviews/${notice.code}`,
        ].join("\n"),
      };
    }
  }
}
