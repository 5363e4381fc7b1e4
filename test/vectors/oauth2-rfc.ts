// OAuth 2 test data taken from the specifications, with provenance.

// RFC 7636 Appendix B: the S256 example
export const RFC7636_APPENDIX_B = Object.freeze({
  codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
  codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
});

// RFC 6749 §4.1.3 (and §4.4.2): the example token request's Basic header, client "s6BhdRkqt3"
// with secret "gX1fBat3bV"
export const RFC6749_BASIC_EXAMPLE = Object.freeze({
  header: "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW",
  clientId: "s6BhdRkqt3",
  clientSecret: "gX1fBat3bV",
});
