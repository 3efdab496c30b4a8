/**
 * Ordinary words people put around an ownership question. They carry no owner, service or area, so a
 * lookup reads past them instead of refusing the whole question as unknown. Words that do carry meaning
 * (an OS name, "classifies", "backs up", "authorization") are aliases in the matrix instead, where they
 * lead to an area.
 */
export const ORDINARY_WORDS: ReadonlySet<string> = new Set(
  // greetings, politeness, exam framing
  (
    "hey hi hello thanks thank ok okay so just really actually basically exactly quick question questions " +
    "true false correct incorrect right wrong statement statements following scenario scenarios according " +
    "considered consider primarily mainly typically generally usually always never sometimes " +
    "company companies organization organisation organizations team teams customers user's customer's " +
    "person people someone somebody anyone anybody everyone everybody whoever myself ourselves " +
    // small words
    "also too very much many more most some any all each every both either neither not no yes " +
    "using use uses used when while if then than else whether as like such per via into onto over across " +
    "within just still even only again already yet now new old older existing current currently " +
    "here out off up down after before during until since between among without against " +
    "something anything everything nothing " +
    // verbs that do not decide the owner
    "backs back backing backed pick picks picking picked choose chooses choosing chose chosen decide decides " +
    "deciding decided start starts starting started begin begins sets install installs installing installed " +
    "make makes making made ensure ensures ensuring sure check checks checking checked write writes writing " +
    "wrote written create creates creating created add adds adding added remove removes removing removed " +
    "replace replaces replacing replaced perform performs performing performed provide provides providing " +
    "provided build builds building built fix fixes fixing fixed put puts putting go goes going went " +
    "want wants wanted know knows knew think thinks pay pays paying happen happens happened " +
    "work works working worked call calls calling called give gives giving given allow allows allowing " +
    "stop stops stopping prevent prevents preventing avoid avoids keeping kept stay stays " +
    "fail fails failing failed failure failures break breaks broken leak leaks leaked leaking " +
    // nouns that name no area by themselves
    "box boxes machine machines server web site website thing things stuff issue issues problem problems " +
    "pod pods domain domains custom name names type types kind kinds way ways case cases example examples " +
    "team's day days time times today tomorrow week"
  ).split(" "),
);

/** Clouds, platforms and products the matrix does not cover: a question naming one is never answered. */
export const FOREIGN_NAMES: ReadonlySet<string> = new Set(
  (
    "azure gcp gke aks alibaba aliyun digitalocean droplet droplets heroku dyno dynos linode vultr " +
    "hetzner openstack ibm softlayer rackspace vercel netlify firebase"
  ).split(" "),
);

/**
 * Makers whose products AWS also runs ("rds for oracle"): named beside an AWS service they are that
 * service's engine or platform; named alone they are someone else's product, and no owner is stated.
 */
export const VENDOR_NAMES: ReadonlySet<string> = new Set(["oracle", "microsoft", "sap", "vmware"]);

/** Two-word names of clouds and places the matrix does not cover ("google cloud", "on premises"). */
export const FOREIGN_PHRASES: readonly (readonly [string, string])[] = [
  ["google", "cloud"],
  ["oracle", "cloud"],
  ["ibm", "cloud"],
  ["on", "premises"],
  ["on", "premise"],
  ["on", "prem"],
  ["compute", "engine"],
];
