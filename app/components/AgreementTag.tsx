/** The learning agreement's state, as a coloured tag. */
export function AgreementTag({ state }: { state: "signed" | "overdue" | "waiting" }) {
  return state === "signed" ? (
    <span className="tag tag--green">Signed</span>
  ) : state === "overdue" ? (
    <span className="tag tag--red">Overdue</span>
  ) : (
    <span className="tag tag--yellow">Waiting for signatures</span>
  );
}
