import { type ApiDefinition, type CaptainClient, type ClientOptions, createCaptainClient } from "@captain-sdk/core";

/**
 * A small hand-made API for the cases the vendors cannot show (they only have POST operations):
 * an idempotent GET and a POST, both authenticated with a Bearer key.
 */
export const faultDefinition: ApiDefinition = {
  title: "Fault API",
  servers: ["https://api.example.invalid"],
  operations: [
    {
      id: "getItem",
      namespace: "items",
      name: "get",
      method: "get",
      path: "/v1/items/{item_id}",
      params: [
        { name: "item_id", in: "path", required: true, schema: { type: "string" } },
        { name: "x-trace", in: "header", required: false, schema: { type: "string" } },
      ],
      auth: [{ in: "header", name: "Authorization", scheme: "Bearer" }],
      response: "json",
    },
    {
      id: "sendMessage",
      namespace: "messages",
      name: "send",
      method: "post",
      path: "/v1/messages",
      params: [],
      body: {
        mode: "merge",
        required: true,
        contentType: "application/json",
        schema: {
          type: "object",
          required: ["id", "text"],
          properties: { id: { type: "string" }, text: { type: "string", minLength: 1 } },
        },
      },
      auth: [{ in: "header", name: "Authorization", scheme: "Bearer" }],
      response: "json",
    },
  ],
  schemas: {},
};

type Call<A> = (args: A, options?: Record<string, unknown>) => Promise<unknown>;

export interface FaultOperations {
  items: { get: Call<{ item_id: string; "x-trace"?: string }> };
  messages: { send: Call<{ id: string; text: string }> };
}

export type FaultClient = CaptainClient<{}, FaultOperations>;

export function createFaultClient(options?: ClientOptions): FaultClient {
  return createCaptainClient<{}, FaultOperations>(
    faultDefinition,
    { name: "FaultApi", envPrefix: "FAULTAPI" },
    options,
  );
}
