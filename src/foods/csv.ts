// RFC 4180 CSV, fed in chunks so a multi-gigabyte FoodData Central file never sits in memory:
// quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends.

export class CsvError extends Error {}

export type CsvParser = Readonly<{
  /** the complete records found so far in this chunk */
  push(chunk: string): string[][];
  /** the last record; throws CsvError for an unterminated quoted field */
  end(): string[][];
}>;

export function createCsvParser(): CsvParser {
  let field = "";
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  const take = (records: string[][]) => {
    record.push(field);
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
    field = "";
  };
  return {
    push(chunk) {
      const records: string[][] = [];
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (quoted) {
          if (c === "\"") { quoted = false; afterQuote = true; } else { if (c === "\n") line++; field += c; }
          continue;
        }
        if (c === "\"") {
          if (afterQuote) { field += "\""; quoted = true; afterQuote = false; continue; }
          if (field !== "") throw new CsvError(`line ${line}: a quote inside an unquoted field`);
          quoted = true;
          continue;
        }
        afterQuote = false;
        if (c === ",") { record.push(field); field = ""; } else if (c === "\n") { line++; take(records); } else if (c !== "\r") field += c;
      }
      return records;
    },
    end() {
      if (quoted) throw new CsvError(`line ${line}: a quoted field is never closed`);
      const records: string[][] = [];
      if (field !== "" || record.length > 0) take(records);
      return records;
    },
  };
}

/** every record of a small CSV text */
export function parseCsv(text: string): string[][] {
  const parser = createCsvParser();
  return [...parser.push(text), ...parser.end()];
}
