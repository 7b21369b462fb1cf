/**
 * Seed modules for the mutator, used only when fixtures/transform holds fewer than 10 inputs
 * (a checkout without fixtures): steps, workflows, objects, classes and directives in many of the
 * shapes the transform handles.
 */

/** Named modules with the extension they are saved under. */
export const BUILTIN_SEEDS: { name: string; ext: string; code: string }[] = [
  {
    name: "module-steps",
    ext: ".ts",
    code: `import { sleep } from "workflow";

export async function fetchUser(id: string) {
  "use step";
  const res = await fetch(\`https://api.example.com/users/\${id}\`);
  return res.json();
}

export const sendEmail = async (to: string, body: string) => {
  "use step";
  return { to, body, sent: Date.now() };
};

export async function onboarding(userId: string) {
  "use workflow";
  const user = await fetchUser(userId);
  await sleep("1 day");
  await sendEmail(user.email, "Welcome!");
  return user;
}
`,
  },
  {
    name: "module-directive-step",
    ext: ".ts",
    code: `// comments may precede the directive
"use step";

import { db } from "./db.js";

export async function charge(amount: number) {
  return db.charge(amount);
}

export const refund = async (amount: number) => db.refund(amount);

async function local() {
  return 1;
}

export default async function () {
  return local();
}

export { local };
`,
  },
  {
    name: "module-directive-workflow",
    ext: ".js",
    code: `'use workflow';

import { charge } from "./steps.js";

export async function checkout(cart) {
  const total = cart.items.reduce((sum, item) => sum + item.price, 0);
  return charge(total);
}

export const refundAll = async function (orders) {
  for (const order of orders) await charge(-order.total);
};
`,
  },
  {
    name: "nested-steps",
    ext: ".ts",
    code: `const RATE = 0.2;

export async function order(items: number[], customer: { id: string }) {
  "use workflow";
  let total = 0;
  async function notify(message: string) {
    "use step";
    return fetch("/notify", { method: "POST", body: JSON.stringify({ message, customer, total }) });
  }
  const price = async (n: number) => {
    "use step";
    return n * (1 + RATE);
  };
  for (const item of items) {
    total += await price(item);
    await Promise.all([1, 2].map(async (copy) => {
      "use step";
      return copy * item * total;
    }));
  }
  await notify(\`total: \${total}\`);
  return total;
}
`,
  },
  {
    name: "object-tools",
    ext: ".ts",
    code: `import { tool, Agent } from "ai";

export const agent = new Agent({
  model: "gpt",
  tools: {
    search: tool({
      description: "search the web",
      async execute({ query }: { query: string }) {
        "use step";
        return fetch("/search?q=" + query);
      },
    }),
    "get-weather": {
      execute: async (city: string) => {
        "use step";
        return { city, temp: 20 };
      },
    },
    "a*/b": async function () {
      "use step";
      return 1;
    },
  },
});
`,
  },
  {
    name: "classes",
    ext: ".ts",
    code: `export class Money {
  constructor(public amount: number, public currency: string) {}

  static [Symbol.for("workflow-serialize")](m: Money) {
    return { amount: m.amount, currency: m.currency };
  }

  static [Symbol.for("workflow-deserialize")](data: { amount: number; currency: string }) {
    return new Money(data.amount, data.currency);
  }
}

export class Billing {
  static async charge(m: Money) {
    "use step";
    return m.amount;
  }

  async audit(entry: string) {
    "use step";
    return this.constructor.name + entry;
  }

  static async run(m: Money) {
    "use workflow";
    return Billing.charge(m);
  }
}
`,
  },
  {
    name: "default-exports",
    ext: ".js",
    code: `export default async (input) => {
  "use step";
  return input * 2;
};

export async function wrapper(input) {
  "use workflow";
  const { default: run } = await import("./self.js");
  return run(input);
}
`,
  },
  {
    name: "diagnostics",
    ext: ".ts",
    code: `export function notAsync() {
  "use step";
  return 1;
}

export async function late() {
  const x = 1;
  "use workflow";
  return x;
}

export async function typo() {
  "use setp";
  return 2;
}

export class K {
  async wf() {
    "use workflow";
  }
}
`,
  },
  {
    name: "jsx-component",
    ext: ".tsx",
    code: `import React from "react";

export async function renderReport(data: { rows: string[] }) {
  "use step";
  const el = <ul>{data.rows.map((row) => <li key={row}>{row}</li>)}</ul>;
  return String(el);
}

export function Page() {
  return <div className="page">{"use step"}</div>;
}
`,
  },
  {
    name: "closures-this",
    ext: ".ts",
    code: `let counter = 0;
function helper(x: number) {
  return x + counter;
}

export const service = {
  base: 10,
  async run(this: { base: number }, n: number) {
    "use workflow";
    const scale = 3;
    const step = async () => {
      "use step";
      return helper(n * scale) + this.base;
    };
    for (let i = 0; i < n; i++) {
      const fn = async function () {
        "use step";
        return i * scale;
      };
      await fn();
    }
    return step();
  },
};

export async function makeScaler(factor: number) {
  return async (x: number) => {
    "use step";
    return x * factor;
  };
}
`,
  },
  {
    name: "export-lists",
    ext: ".mjs",
    code: `"use step"

async function a() { return 1 }
const b = async () => 2, c = async function named() { return 3 }
function sync() { return 4 }

export { a, b as bee, c as default, sync }
export * from "./other.js"
`,
  },
  {
    name: "builtin-and-collisions",
    ext: ".ts",
    code: `import { registerStepFunction } from "./mine.js";

const getStepClosureVars = () => ({});

export async function __builtin_response_json(res: Response) {
  "use step";
  return res.json();
}

export async function stepOne() {
  "use step";
  return registerStepFunction(getStepClosureVars());
}

export async function stepOne$2() {
  "use step";
  return 2;
}
`,
  },
  {
    name: "generators-and-getters",
    ext: ".ts",
    code: `export async function* stream() {
  "use step";
  yield 1;
}

export const obj = {
  get value() {
    "use step";
    return 1;
  },
  set value(v) {
    "use step";
  },
  async *items() {
    "use step";
    yield 2;
  },
};
`,
  },
  {
    name: "block-level",
    ext: ".js",
    code: `if (process.env.FEATURE) {
  async function flagged() {
    "use step";
    return true;
  }
  globalThis.flagged = flagged;
}

export async function outer(list) {
  "use workflow";
  try {
    for await (const x of list) {
      const inner = async () => {
        'use step'
        return x
      }
      await inner()
    }
  } catch (error) {
    const recover = async () => { "use step"; return String(error); };
    return recover();
  } finally {
    await (async () => { "use step"; })();
  }
}
`,
  },
  {
    name: "comments-and-strings",
    ext: ".ts",
    code: `/* "use step" */
// 'use workflow'
const text = "use step";
const tmpl = \`use workflow \${text}\`;

export async function documented() {
  /** leading doc comment */
  "use step";
  return text + tmpl + "*/";
}

export const weird = {
  "*/": async () => {
    "use step";
    return "*/";
  },
  "it's \\"quoted\\"": async () => {
    "use step";
  },
};
`,
  },
];
