// The admin console: one section per provider, each built by its own module.
import { hoprSection } from "./hopr.js";

const sections = [hoprSection];
const main = document.getElementById("sections");
main.replaceChildren(...sections.map((make) => make()));
