import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AddVendorResult, addVendor } from "../../scripts/add-vendor.js";
import { generate } from "../../scripts/generate.js";
import { ROOT } from "../../scripts/lib/repo.js";
import { vendorFor } from "../../scripts/lib/vendors.js";
import {
  build,
  EXAMPLES,
  FIXTURES,
  linkCore,
  type Received,
  readJson,
  recorder,
  smokeTests,
  tempRepo,
  typecheck,
} from "./helpers.js";

/**
 * `pnpm add-vendor` over public example specs that an npm package ships (@readme/oas-examples:
 * Swagger's Petstore in OpenAPI 3.0, the Train Travel API in 3.1, a Petstore without tags or
 * operationIds) and one spec shaped like the messy ones real APIs publish. Each becomes a package in
 * a throwaway repository; the package typechecks with a usage file, builds with tsup, passes its
 * generated smoke test, and its client sends the right requests to a loopback server.
 */
const vendors = {
  petstore: { spec: join(EXAMPLES, "3.0", "json", "petstore.json"), usage: "petstore" },
  "train-travel": { spec: join(EXAMPLES, "3.1", "yaml", "train-travel.yaml"), usage: "trainTravel" },
  "pets-no-tags": { spec: join(EXAMPLES, "3.0", "json", "petstore-simple-no-tags.json"), usage: "petsNoTags" },
  helpdesk: { spec: join(FIXTURES, "helpdesk.yaml"), usage: "helpdesk" },
} as const;
type Name = keyof typeof vendors;

/** A usage file per vendor: must compile, and each @ts-expect-error must be a real type error. */
const usage: Record<Name, string> = {
  petstore: `import { createPetstoreClient } from "./index.js";
const client = createPetstoreClient({ apiKey: "test-key-1234", baseUrl: "http://127.0.0.1:9" });
export async function use(): Promise<unknown[]> {
  const pet = await client.pet.getPetById({ petId: 1 });
  const name: string = pet.name;
  await client.pet.updatePetWithForm({ petId: 1, body: { name: "Rex", status: "sold" } });
  await client.pet.uploadFile({ petId: 1, body: { additionalMetadata: "x", file: new Blob(["x"]) } });
  await client.user.createUsersWithArrayInput({ body: [{ username: "a" }] });
  await client.pet.deletePet({ petId: 1, api_key: "header-value" });
  await client.store.placeOrder({ petId: 1, quantity: 2 });
  // @ts-expect-error petId is a number
  await client.pet.getPetById({ petId: "1" });
  // @ts-expect-error no such operation
  await client.pet.adoptPet({});
  // @ts-expect-error the array body goes under \`body\`
  await client.user.createUsersWithArrayInput([{ username: "a" }]);
  const { data } = await client.GET("/pet/{petId}", { params: { path: { petId: 1 } } });
  return [name, data?.name];
}
`,
  "train-travel": `import { createTrainTravelClient } from "./index.js";
const client = createTrainTravelClient({ apiKey: "test-key-1234", baseUrl: "http://127.0.0.1:9" });
export async function use(): Promise<unknown[]> {
  const stations = await client.stations.getStations();
  const booking = await client.bookings.createBooking({ trip_id: "4f4e4e1c-c824-4d63-b37a-d8d698862f1d", passenger_name: "Ada" });
  await client.bookings.deleteBooking({ bookingId: "b1" });
  // @ts-expect-error passenger_name is a string
  await client.bookings.createBooking({ passenger_name: 42 });
  // @ts-expect-error bookingId is required
  await client.bookings.getBooking({});
  return [stations, booking.passenger_name];
}
`,
  "pets-no-tags": `import { createPetsNoTagsClient } from "./index.js";
const client = createPetsNoTagsClient({ apiKey: "test-key-1234", baseUrl: "http://127.0.0.1:9" });
export async function use(): Promise<unknown[]> {
  // @ts-expect-error id is an integer
  await client.pet.getPetById({ id: "1" });
  return [await client.pet.getPetById({ id: 1 }), await client.pet.putPetById({ id: 2 })];
}
`,
  helpdesk: `import { createHelpdeskClient, type RequestBodySchema } from "./index.js";
const raw: RequestBodySchema = { raw: "x" };
void raw;
const client = createHelpdeskClient({ apiKey: "test-key-1234", baseUrl: "http://127.0.0.1:9" });
export async function use(): Promise<unknown[]> {
  const list = await client.tickets.getTickets({ "X-Request-Id": "r-1", page: 2 });
  const created = await client.tickets.create({ subject: "Printer on fire", priority: null });
  await client.tickets.postTicketsBulk({ body: [{ subject: "a" }, { subject: "b", labels: ["x"] }] });
  await client.tickets.patchTicketsById({ id: "t1", body: { subject: "Fixed" } });
  await client.tickets.uploadAttachment({ id: "t1", "X-File-Name": "log.bin", body: new Uint8Array([1, 2, 3]) });
  await client.tickets.addNote({ id: "t1", body: { text: "see photo", file: new Blob(["png"]) } });
  await client.tickets.closeTicket({ id: "t1", body: { reason: "done", notify: true } });
  // @ts-expect-error subject is required
  await client.tickets.create({ priority: 1 });
  // @ts-expect-error priority is an integer or null
  await client.tickets.create({ subject: "x", priority: "high" });
  return [list[0]?.subject, created.subject];
}
`,
};

const STATION_A = "efdbb9d1-02c2-4bc3-afb7-6788d8782b1e";
const STATION_B = "b2e783e1-c824-4d63-b37a-d8d698862f1d";
const repo = tempRepo();
const added = {} as Record<Name, AddVendorResult>;
const logs: string[] = [];
type Client = Record<string, Record<string, (args?: unknown) => Promise<unknown>>>;
let server: Awaited<ReturnType<typeof recorder>>;
/** The built client of a vendor (its dist/index.js), pointed at the loopback recorder. */
async function client(name: Name, factory: string): Promise<Client> {
  const mod = await import(pathToFileURL(join(repo.root, "packages", name, "dist", "index.js")).href);
  return mod[factory]({ apiKey: "test-key-1234", baseUrl: server.url, maxRetries: 0 }) as Client;
}
/** The request a call made. */
async function sent(call: () => Promise<unknown> | undefined): Promise<Received> {
  const before = server.requests.length;
  await call();
  expect(server.requests.length).toBe(before + 1);
  return server.requests[before] as Received;
}

beforeAll(async () => {
  server = await recorder();
  for (const [name, v] of Object.entries(vendors) as [Name, (typeof vendors)[Name]][]) {
    added[name] = await addVendor({ name, spec: v.spec, root: repo.root, install: false, log: (l) => logs.push(l) });
    linkCore(repo.root, name);
    writeFileSync(join(repo.root, "packages", name, "src", "usage.ts"), usage[name]);
  }
  const dirs = Object.keys(vendors).map((name) => join(repo.root, "packages", name));
  await Promise.all(dirs.map((dir) => typecheck(dir)));
  await Promise.all(dirs.map((dir) => build(dir)));
}, 240_000);
afterAll(async () => {
  await server?.close();
  repo.remove();
});

describe("add-vendor over public specs", () => {
  it("copies each spec verbatim, keeping its format", () => {
    for (const [name, v] of Object.entries(vendors)) {
      const ext = v.spec.endsWith(".json") ? "json" : "yaml";
      expect(readFileSync(join(repo.root, "specs", `${name}.${ext}`), "utf8")).toBe(readFileSync(v.spec, "utf8"));
    }
  });

  it("writes a package from the template: name, factory, env prefix, no hand-written code", () => {
    const pkg = readJson(join(repo.root, "packages", "train-travel", "package.json"));
    expect(pkg).toMatchObject({
      name: "@captain-sdk/train-travel",
      dependencies: { "@captain-sdk/core": "workspace:^" },
    });
    const index = readFileSync(join(repo.root, "packages", "train-travel", "src", "index.ts"), "utf8");
    expect(index).toMatch(/export function createTrainTravelClient\(/);
    expect(index).toMatch(/envPrefix: "TRAIN_TRAVEL"/);
    expect(existsSync(join(repo.root, "packages", "train-travel", "test", "smoke.test.ts"))).toBe(true);
    expect(readJson(join(repo.root, "packages", "helpdesk", "package.json")).description).toBe(
      "Typed TypeScript SDK for the Helpdesk API, generated from its OpenAPI spec.",
    );
  });

  it("writes files that already pass the repository's Biome check (format, sorted exports)", () => {
    for (const file of ["package.json", "tsconfig.json", "turbo.json", "src/index.ts", "test/smoke.test.ts"]) {
      const text = readFileSync(join(repo.root, "packages", "train-travel", file), "utf8");
      const biome = join(ROOT, "node_modules", ".bin", "biome");
      const args = ["check", "--write", `--stdin-file-path=packages/train-travel/${file}`];
      const fixed = execFileSync(biome, args, { cwd: ROOT, input: text, encoding: "utf8", stdio: "pipe" });
      expect(fixed, file).toBe(text);
    }
  });

  it("generates every operation, named by tag and operationId, or by route when they are missing", () => {
    const ops = definitionOps;
    expect(added.petstore.operations).toBe(20);
    expect(ops("petstore")).toEqual(
      expect.arrayContaining([
        "pet.addPet POST /pet",
        "pet.updatePetWithForm POST /pet/{petId}",
        "pet.uploadFile POST /pet/{petId}/uploadImage",
        "store.getInventory GET /store/inventory",
        "user.createUsersWithArrayInput POST /user/createWithArray",
      ]),
    );
    expect(ops("train-travel")).toEqual(
      expect.arrayContaining([
        "stations.getStations GET /stations",
        "bookings.createBooking POST /bookings",
        "payments.createBookingPayment POST /bookings/{bookingId}/payment",
      ]),
    );
    expect(ops("pets-no-tags")).toEqual(["pet.getPetById GET /pet/{id}", "pet.putPetById PUT /pet/{id}"]);
    expect(ops("helpdesk")).toEqual([
      "tickets.getTickets GET /tickets",
      "tickets.create POST /tickets",
      "tickets.postTicketsBulk POST /tickets/bulk",
      "tickets.getTicket GET /tickets/{id}",
      "tickets.patchTicketsById PATCH /tickets/{id}",
      "tickets.uploadAttachment POST /tickets/{id}/attachments",
      "tickets.addNote POST /tickets/{id}/notes",
      "tickets.closeTicket POST /tickets/{id}/close",
    ]);
  });

  it("typechecks a usage file against each package and builds it (ESM, CJS, types)", () => {
    for (const name of Object.keys(vendors)) {
      for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts"]) {
        expect(existsSync(join(repo.root, "packages", name, "dist", file)), `${name}/dist/${file}`).toBe(true);
      }
    }
  });

  it("passes the generated smoke tests", async () => {
    const out = await smokeTests(repo.root);
    expect(out).toMatch(/Test Files\s+4 passed/);
    expect(out).toMatch(/Tests\s+8 passed/);
  });
});

describe("the generated clients on the wire", () => {
  it("petstore (3.0): form, multipart, array and header parameters, two auth schemes", async () => {
    const pets = await client("petstore", "createPetstoreClient");
    const form = await sent(() => pets.pet?.updatePetWithForm?.({ petId: 5, body: { name: "Rex", status: "sold" } }));
    expect(form).toMatchObject({ method: "POST", url: "/pet/5" });
    expect(form.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(form.body.toString()).toBe("name=Rex&status=sold");
    expect(form.headers.authorization).toBe("Bearer test-key-1234");

    const upload = await sent(() =>
      pets.pet?.uploadFile?.({ petId: 5, body: { additionalMetadata: "cute", file: new Blob(["PNGDATA"]) } }),
    );
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const multipart = upload.body.toString();
    expect(multipart).toMatch(/name="additionalMetadata"\r\n\r\ncute\r\n/);
    expect(multipart).toMatch(/name="file"; filename="blob"\r\n(?:Content-Type: [^\r]*\r\n)?\r\nPNGDATA\r\n/);

    const array = await sent(() =>
      pets.user?.createUsersWithArrayInput?.({ body: [{ username: "a" }, { username: "b" }] }),
    );
    expect(array).toMatchObject({ method: "POST", url: "/user/createWithArray" });
    expect(array.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(array.body.toString())).toEqual([{ username: "a" }, { username: "b" }]);

    const del = await sent(() => pets.pet?.deletePet?.({ petId: 7, api_key: "header-value" }));
    expect(del).toMatchObject({ method: "DELETE", url: "/pet/7" });
    expect(del.headers.api_key).toBe("header-value");

    const inventory = await sent(() => pets.store?.getInventory?.());
    expect(inventory.headers.api_key).toBe("test-key-1234");
    expect(inventory.headers.authorization).toBeUndefined();
  });

  it("train travel (3.1): a JSON object body spread beside the parameters, OAuth2 as a bearer token", async () => {
    const trains = await client("train-travel", "createTrainTravelClient");
    const booking = await sent(() =>
      trains.bookings?.createBooking?.({ trip_id: "4f4e4e1c-c824-4d63-b37a-d8d698862f1d", passenger_name: "Ada" }),
    );
    expect(booking).toMatchObject({ method: "POST", url: "/bookings" });
    expect(JSON.parse(booking.body.toString())).toEqual({
      trip_id: "4f4e4e1c-c824-4d63-b37a-d8d698862f1d",
      passenger_name: "Ada",
    });
    expect(booking.headers.authorization).toBe("Bearer test-key-1234");
    const trips = await sent(() =>
      trains.trips?.getTrips?.({ origin: STATION_A, destination: STATION_B, date: "2024-02-01T09:00:00Z" }),
    );
    expect(trips).toMatchObject({ method: "GET" });
    expect(trips.url).toBe(`/trips?origin=${STATION_A}&destination=${STATION_B}&date=2024-02-01T09%3A00%3A00Z`);
    await expect(
      trains.trips?.getTrips?.({ origin: "a1", destination: STATION_B, date: "2024-02-01" }),
    ).rejects.toThrow(/origin: must be a UUID/);
  });

  it("no tags, no operationIds: names from the route, HTTP basic auth", async () => {
    const pets = await client("pets-no-tags", "createPetsNoTagsClient");
    const put = await sent(() => pets.pet?.putPetById?.({ id: 3 }));
    expect(put).toMatchObject({ method: "PUT", url: "/pet/3" });
    expect(put.headers.authorization).toBe(`Basic ${Buffer.from("test-key-1234").toString("base64")}`);
  });

  it("a messy 3.1 spec: binary, multipart, urlencoded and array bodies, headers, the supported one of several schemes", async () => {
    const help = await client("helpdesk", "createHelpdeskClient");
    const list = await sent(() => help.tickets?.getTickets?.({ "X-Request-Id": "r-1", page: 2 }));
    expect(list).toMatchObject({ method: "GET", url: "/tickets?page=2" });
    expect(list.headers["x-request-id"]).toBe("r-1");
    expect(list.headers["x-helpdesk-key"]).toBe("test-key-1234");

    const created = await sent(() => help.tickets?.create?.({ subject: "Printer on fire", priority: null }));
    expect(JSON.parse(created.body.toString())).toEqual({ subject: "Printer on fire", priority: null });

    const bytes = await sent(() =>
      help.tickets?.uploadAttachment?.({ id: "t 1", "X-File-Name": "log.bin", body: new Uint8Array([0, 1, 254, 255]) }),
    );
    expect(bytes).toMatchObject({ method: "POST", url: "/tickets/t%201/attachments" });
    expect(bytes.headers["content-type"]).toBe("application/octet-stream");
    expect([...bytes.body]).toEqual([0, 1, 254, 255]);

    const note = await sent(() =>
      help.tickets?.addNote?.({ id: "t1", body: { text: "see photo", file: new Blob(["png"]) } }),
    );
    expect(note.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(note.body.toString()).toMatch(/name="text"\r\n\r\nsee photo\r\n/);

    const close = await sent(() => help.tickets?.closeTicket?.({ id: "t1", body: { reason: "done", notify: true } }));
    expect(close.body.toString()).toBe("reason=done&notify=true");
    expect(close.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    // mutualTLS is listed first but cannot be done by a fetch client: the bearer scheme is used.
    expect(close.headers.authorization).toBe("Bearer test-key-1234");

    await expect(help.tickets?.create?.({ priority: 1 })).rejects.toMatchObject({
      name: "ValidationError",
      issues: [{ path: "subject", message: "is required" }],
    });
  });

  it("the messy spec needs its correction overlay: without it the generator still refuses", async () => {
    expect(readFileSync(join(repo.root, "specs", "overlays", "helpdesk.yaml"), "utf8")).toMatch(
      /target: \$\.paths\['\/tickets\/bulk'\]\.post\n.*\n\s+update:\n\s+x-captain-method: postTicketsBulk/,
    );
    expect(added.helpdesk.corrections).toEqual([
      "POST /tickets/bulk: tickets.create is already taken",
      'PATCH /tickets/{id}: operationId "getTicket" is used by an earlier operation',
    ]);
    const vendor = vendorFor("helpdesk", join(repo.root, "specs", "helpdesk.yaml"), repo.root);
    const result = await generate({ all: [{ ...vendor, overlayFile: undefined }], check: true });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/helpdesk\.yaml:70:20: duplicate operationId "getTicket"/);
  });
});

/**
 * "namespace.name METHOD /path" of each method of a vendor's generated `Operations` interface, in
 * order: the namespace it sits under, its name, and the route its JSDoc names.
 */
function definitionOps(name: string): string[] {
  const text = readFileSync(join(repo.root, "packages", name, "src", "generated", "definition.ts"), "utf8");
  const body = text.slice(text.indexOf("export interface Operations {"));
  const out: string[] = [];
  let namespace = "";
  let route = "";
  for (const line of body.split("\n")) {
    namespace = /^ {2}(\w+): \{$/.exec(line)?.[1] ?? namespace;
    route = /^ {5}\* `([A-Z]+ \S+)` \(operationId /.exec(line)?.[1] ?? route;
    const method = /^ {4}(\w+)\(args\??: /.exec(line)?.[1];
    if (method) {
      out.push(`${namespace}.${method} ${route}`);
      route = "";
    }
  }
  return out;
}
