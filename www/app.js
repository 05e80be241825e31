// The admin console: one section per provider, each built by its own module.
import { hoprSection } from "./hopr.js";
import { authleteSection } from "./authlete.js";
import { knetikSection } from "./knetik.js";

const sections = [hoprSection, authleteSection, knetikSection];
const main = document.getElementById("sections");
main.replaceChildren(...sections.map((make) => make()));
