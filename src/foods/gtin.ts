// Barcodes as FatSecret takes them (food.find_id_for_barcode): GTIN-13, "a 13-digit number
// filled in with zeros for the spaces to the left"; UPC-A (12), EAN-13 and EAN-8 accepted and
// padded; an 8-digit code that is no valid EAN-8 is read as UPC-E and expanded to UPC-A. The GS1 check digit must hold.

/** the GTIN-13 form of a barcode, or null when it is not a valid GTIN */
export function parseGtin13(input: string): string | null {
  const digits = input.trim();
  if (!/^(\d{8}|\d{12,14})$/.test(digits)) return null;
  let gtin: string | null = null;
  if (digits.length === 14) gtin = digits.startsWith("0") ? digits.slice(1) : null;
  else if (digits.length === 13 || digits.length === 12) gtin = digits.padStart(13, "0");
  else if (digits.length === 8) gtin = hasValidCheckDigit(digits.padStart(13, "0")) ? digits.padStart(13, "0") : expandUpcE(digits);
  return gtin !== null && hasValidCheckDigit(gtin) ? gtin : null;
}

/** GS1 mod-10 check over all 13 digits */
export function hasValidCheckDigit(gtin13: string): boolean {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(gtin13[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(gtin13[12]);
}

/** UPC-E (number system + 6 digits + check) → GTIN-13 of its UPC-A, or null */
function expandUpcE(upcE: string): string | null {
  if (!/^[01]\d{7}$/.test(upcE)) return null;
  const [ns, d1, d2, d3, d4, d5, d6, check] = upcE.split("") as [string, string, string, string, string, string, string, string];
  let body: string;
  if (d6 === "0" || d6 === "1" || d6 === "2") body = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
  else if (d6 === "3") body = `${d1}${d2}${d3}00000${d4}${d5}`;
  else if (d6 === "4") body = `${d1}${d2}${d3}${d4}00000${d5}`;
  else body = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  return `0${ns}${body}${check}`;
}
