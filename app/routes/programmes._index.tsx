import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listProgrammes } from "~/modules/programmes/catalogue.server";
import { describeLength, describePrice, PROGRAMME_KIND_LABELS } from "~/modules/programmes/labels";

export const meta: MetaFunction = () => [{ title: "Programmes – Practice Pathways" }];

/** The public catalogue: no sign-in needed. */
export async function loader() {
  return {
    programmes: listProgrammes().map((p) => ({
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      kind: PROGRAMME_KIND_LABELS[p.kind],
      length: describeLength(p.lengthMonths),
      price: describePrice(p.price),
      modules: p.modules.length,
      lessons: p.modules.reduce((n, m) => n + m.lessons.length, 0),
    })),
  };
}

export default function Catalogue() {
  const { programmes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Programmes</h1>
      <p className="lead narrow">
        From the assessed first year to advanced practice and the route back in. Employers enrol their staff; some
        programmes you can join yourself.
      </p>
      <ul className="programme-list">
        {programmes.map((p) => (
          <li key={p.slug} className="programme-list__item">
            <span className="caption">{p.kind}</span>
            <h2 className="heading-m">
              <a href={`/programmes/${p.slug}`}>{p.title}</a>
            </h2>
            <p>{p.summary}</p>
            <dl className="inline-facts">
              <div>
                <dt>Length</dt>
                <dd>{p.length}</dd>
              </div>
              <div>
                <dt>Content</dt>
                <dd>
                  {p.modules} modules, {p.lessons} lessons
                </dd>
              </div>
              <div>
                <dt>Cost</dt>
                <dd>{p.price}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
