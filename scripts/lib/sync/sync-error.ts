/**
 * A sync that cannot go ahead: the message names the vendor, the source and what is wrong.
 * Whoever throws it has written nothing yet.
 */
export class SyncError extends Error {
  override name = "SyncError";
  constructor(
    readonly vendor: string,
    readonly source: string,
    problem: string,
  ) {
    super(`${vendor}: ${source}: ${problem}`);
  }
}
