import { ACCEPT_ATTRIBUTE } from "~/modules/portfolio/files";

/** The one file box of a shared session's materials: the kinds and size the portfolio accepts. */
export function MaterialFileField({ label, error }: { label: string; error?: string }) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor="material">
        {label}
      </label>
      <div className="hint" id="material-hint">
        A PDF, a Word document (DOCX), or a PNG or JPEG image, up to 10 MB. Everyone invited can download it, partners
        included: share nothing that identifies a child or family.
      </div>
      {error ? (
        <p className="error-message" id="material-error">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        className="file-upload"
        type="file"
        id="material"
        name="material"
        accept={ACCEPT_ATTRIBUTE}
        aria-describedby={`material-hint${error ? " material-error" : ""}`}
      />
    </div>
  );
}
