// @ts-check
// A TypeDoc plugin for the generated code. openapi-typescript's raw maps (`paths`, `components`,
// `operations`) and the generated definition mirror the spec member by member; where the spec gives a
// member no description there is nothing to say beyond where it comes from. Such members get that
// one line instead of a notDocumented warning. Hand-written code gets no such pass: every exported
// name there must have its own comment.
import { Comment, Converter } from "typedoc";

const GENERATED = /(^|\/)src\/generated\//;

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of Object.values(context.project.reflections)) {
      if (reflection.hasComment()) continue;
      const sources = "sources" in reflection ? reflection.sources : undefined;
      if (!sources?.length || !sources.every((s) => GENERATED.test(s.fullFileName))) continue;
      reflection.comment = new Comment([
        { kind: "text", text: "Generated from the spec, which gives this no description." },
      ]);
    }
  });
}
