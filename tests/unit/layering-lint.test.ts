/**
 * The layering rules in eslint.config.js (README, Architecture) fire: a route or a component that
 * reaches the database, a component that imports a *.server module, and a schema file that imports
 * from app/ fail lint; a route that calls a module passes. Each source is linted in memory, as if it
 * were at the path given, with the project's own configuration.
 */
import path from "node:path";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: path.resolve(".") });

async function restrictedImports(filePath: string, source: string) {
  const [result] = await eslint.lintText(source, { filePath: path.resolve(filePath) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const cleanRoute = `
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/utils/auth.server";
import { learnerHome } from "~/modules/programmes/home.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return learnerHome(user.id);
}

export default function Page() {
  const data = useLoaderData<typeof loader>();
  return <p>{String(data)}</p>;
}
`;

describe("the layering rules", { timeout: 120_000 }, () => {
  it("fail a route that imports the schema through #db", async () => {
    const messages = await restrictedImports(
      "app/routes/learning.tsx",
      `import { users } from "#db/schema";\nexport const table = users;\n`,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("'#db/schema' import is restricted");
  });

  it("fail a route that imports #db itself, a part of the schema, drizzle or the driver", async () => {
    for (const source of ["#db/client", "#db/schema/users", "drizzle-orm", "drizzle-orm/pg-core", "postgres"]) {
      const messages = await restrictedImports("app/routes/learning.tsx", `import * as x from "${source}";\nexport { x };\n`);
      expect(messages, source).toHaveLength(1);
    }
  });

  it("fail a route or a component that draws React Router's <Link> or <NavLink> (links are plain anchors)", async () => {
    for (const file of ["app/routes/learning.tsx", "app/components/Card.tsx"]) {
      const messages = await restrictedImports(
        file,
        `import { Link, NavLink } from "@remix-run/react";\nexport const Card = () => <><Link to="/a">a</Link><NavLink to="/b">b</NavLink></>;\n`,
      );
      expect(messages, file).toHaveLength(2);
      expect(messages[0]).toContain("plain anchors");
    }
  });

  it("fail a component that imports a .server module, or the database", async () => {
    for (const source of ["~/utils/auth.server", "~/modules/auth/session.server.ts", "../utils/db.server"]) {
      const messages = await restrictedImports(
        "app/components/Card.tsx",
        `import * as x from "${source}";\nexport const Card = () => <p>{Object.keys(x).length}</p>;\n`,
      );
      expect(messages, source).toHaveLength(1);
      expect(messages[0]).toContain("*.server modules");
    }
    const messages = await restrictedImports("app/components/Card.tsx", `import { users } from "#db/schema";\nexport const t = users;\n`);
    expect(messages).toHaveLength(1);
  });

  it("fail a schema file that imports from app/", async () => {
    for (const source of ["../../app/modules/programmes/content-schema", "~/modules/portfolio/rules"]) {
      const messages = await restrictedImports(
        "db/schema/portfolio.ts",
        `import { EVIDENCE_KINDS } from "${source}";\nexport const kinds = EVIDENCE_KINDS;\n`,
      );
      expect(messages, source).toHaveLength(1);
      expect(messages[0]).toContain("schema depends on nothing in app/");
    }
  });

  it("pass a route that gates, calls a module and renders, and a component that imports a plain module", async () => {
    expect(await restrictedImports("app/routes/learning.tsx", cleanRoute)).toEqual([]);
    expect(
      await restrictedImports(
        "app/components/Kinds.tsx",
        `import { KIND_LABELS } from "~/modules/portfolio/rules";\nexport const Kinds = () => <p>{Object.keys(KIND_LABELS).length}</p>;\n`,
      ),
    ).toEqual([]);
  });

  it("leave modules free to use the database", async () => {
    expect(
      await restrictedImports("app/modules/portfolio/evidence.server.ts", `import { users } from "#db/schema";\nexport const t = users;\n`),
    ).toEqual([]);
  });
});
