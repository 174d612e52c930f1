// The explorer in a real browser: Debian's headless Chromium, driven by playwright-core,
// against a running `tupu serve` on the sample store. Run by .ci/run:
//   node tests/browser/explore.mjs http://127.0.0.1:PORT SCREENSHOT_DIR
// It searches an entity, opens its page and graph, follows a place to its initiatives and
// map, runs a saved query in the SPARQL tab; it asserts on the DOM, saves a screenshot of
// each step, and fails on any console error, page error or failed request.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node explore.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const problems = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) problems.push(what);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  // The machine has no network but localhost: without these Chromium keeps trying Google's
  // hosts, and as root it needs --no-sandbox.
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, locale: "zh-CN" });
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.setDefaultTimeout(15000);

  // 1. The page loads and says what the store holds.
  await page.goto(base + "/");
  await page.waitForFunction(() => document.getElementById("store-summary").textContent.includes("articles"));
  check(/\d+ articles/.test(await page.textContent("#store-summary")), "the header counts the store's articles");

  // 2. Search a person by name and pick her.
  await page.fill("#search", "王琴英");
  await page.waitForSelector("#results li[data-iri]");
  const hit = await page.textContent("#results li[data-iri]");
  check(hit.includes("王琴英") && hit.includes("Person"), `search finds 王琴英 as a Person (${hit.trim()})`);
  await page.screenshot({ path: `${shots}/1-search.png` });
  await page.click("#results li[data-iri]");
  await page.waitForFunction(() => document.getElementById("entity-name").textContent === "王琴英");
  await page.waitForSelector("#relations tbody tr");
  check(!(await page.isHidden("#entity")), "the entity page opens");

  // 3. Her neighbourhood as a graph, her relations with their sentences.
  const nodes = await page.evaluate(() => cy.nodes().length);
  const edges = await page.evaluate(() => cy.edges().length);
  check(nodes >= 2 && edges >= 1, `the graph shows ${nodes} nodes and ${edges} edges`);
  const canvas = await page.$("#graph canvas");
  check(canvas !== null, "Cytoscape drew into a canvas");
  const evidence = await page.$$eval("#relations td.evidence", (tds) => tds.map((td) => td.textContent));
  check(evidence.some((t) => t.includes("王琴英") && t.length > 10), "an evidence sentence naming her is shown");
  const rels = await page.$$eval("#relations tbody tr", (trs) => trs.map((tr) => tr.textContent));
  check(rels.some((t) => t.includes("leads") && t.includes("绍兴市委组织部")), "she leads 绍兴市委组织部, with its article");
  const legend = await page.textContent("#legend");
  check(legend.includes("Person") && legend.includes("leads"), "the graph has a legend");
  await page.screenshot({ path: `${shots}/2-entity.png`, fullPage: true });

  // 4. Follow an edge: click the place she represents in the relations table.
  await page.click('#relations a.entity:text-is("绍兴市")');
  await page.waitForFunction(() => document.getElementById("entity-name").textContent === "绍兴市");
  await page.waitForSelector("#map svg");
  const facts = await page.textContent("#entity-facts");
  check(facts.includes("330600") && facts.includes("330600000000"), "a place shows its adcode and NBS code");
  const initiatives = await page.$$eval("#initiatives tbody tr", (trs) => trs.length);
  check(initiatives >= 1, `initiatives in 绍兴市 rolled up through locatedIn: ${initiatives}`);
  const provinces = await page.$$eval("#map path.province", (p) => p.length);
  const lit = await page.$$eval("#map circle.point.lit", (c) => c.length);
  check(provinces >= 30 && lit >= 1, `the map draws ${provinces} provinces and lights ${lit} places`);
  await page.screenshot({ path: `${shots}/3-place.png`, fullPage: true });

  // 5. The SPARQL tab: a saved query one click away.
  await page.click("#tab-sparql");
  await page.click('#saved-queries button:text-is("who-leads-what")');
  check((await page.inputValue("#query")).includes("tupu:leads"), "the saved query is loaded into the editor");
  await page.click("#run");
  await page.waitForSelector("#query-results table tbody tr");
  const cells = await page.$$eval("#query-results td", (tds) => tds.map((td) => td.textContent));
  check(cells.includes("王琴英"), "the saved query's table lists 王琴英");
  await page.screenshot({ path: `${shots}/4-sparql.png`, fullPage: true });
} catch (e) {
  problems.push(`step failed: ${e.message}`);
} finally {
  await browser.close();
}
for (const p of problems) console.error(`FAIL ${p}`);
if (problems.length) {
  console.error(`${problems.length} problem(s); screenshots in ${shots}`);
  process.exit(1);
}
console.log(`explorer ok in Chromium; screenshots in ${shots}`);
