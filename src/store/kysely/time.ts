// Times are stored as whole seconds since the epoch.
export function toSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

export function fromSeconds(seconds: number): Date {
  return new Date(seconds * 1000);
}

export function fromSecondsOrNull(seconds: number | null): Date | null {
  return seconds === null ? null : fromSeconds(seconds);
}
