/**
 * A problem with a spec or an overlay. `file` and `place` name where it is, so that a maintainer
 * can go straight to it; the generator prints `file:place: message` and writes nothing.
 */
export class SpecError extends Error {
  override name = "SpecError";
  constructor(
    message: string,
    readonly file: string,
    readonly place?: string,
  ) {
    super(place ? `${file}:${place}: ${message}` : `${file}: ${message}`);
  }
}
