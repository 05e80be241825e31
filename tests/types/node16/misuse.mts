// What Node's ESM loader refuses must not type-check: the package has no default export.
import tokenops from "tokenops"; // expect-error: no default export in ESM
import hopr from "tokenops/hopr"; // expect-error: no default export in ESM

void tokenops;
void hopr;
