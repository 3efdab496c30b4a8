import { echo, echoWords } from "../domain/echo.js";
import type { LookupResult, OwnerRow } from "../domain/lookup-result.js";
import { type Area, OWNER_LABEL, OWNERS, type Service } from "../domain/matrix.js";
import { type CommandRef, cmd, say, type Text } from "../domain/text.js";
import type { Card, Reply, Section } from "./card.js";

/** The page a reply cites when an item names no AWS page of its own. */
const SHARED_RESPONSIBILITY_PAGE = "https://aws.amazon.com/compliance/shared-responsibility-model/";

/**
 * The sources a learner sees: the AWS pages only, each once. The study notes an item also draws on stay in
 * its `sources` for traceability, but a file name means nothing to a learner, who cannot open it.
 */
export function learnerSources(sources: readonly string[]): string[] {
  const pages = [...new Set(sources.filter((s) => s.startsWith("https://")))];
  return pages.length > 0 ? pages : [SHARED_RESPONSIBILITY_PAGE];
}

/** "Sources: https://...; https://..." */
export function sourcesLine(sources: readonly string[]): string {
  const pages = learnerSources(sources);
  return `${pages.length === 1 ? "Source" : "Sources"}: ${pages.join("; ")}`;
}

function ownerLabel(owner: OwnerRow["owner"]): string {
  return owner === null ? "Does not apply" : OWNER_LABEL[owner];
}

/** A command a person can type next, e.g. "ec2 guest-os-patching". */
export function lookupCommand(service: Service | null, area: Area | null): string {
  return [service?.id, area?.id].filter(Boolean).join(" ");
}

/** The commands a result suggests trying next (the `suggestions` of the JSON contract). */
export function lookupSuggestions(result: LookupResult): string[] {
  switch (result.kind) {
    case "answer":
      return [];
    case "not-applicable":
      return result.see.map((s) => lookupCommand(s.service, s.area));
    case "service-stack":
      return [];
    case "area-table":
      return [];
    case "which-service":
      return result.services.map((s) => lookupCommand(s, result.area));
    case "which-area":
      return result.areas.flatMap((a) =>
        result.services.length > 0
          ? result.services.map((s) => lookupCommand(s, a))
          : [lookupCommand(null, a)],
      );
    case "concept":
      return result.examples.map((e) => e.lookup);
    case "unknown":
      return [...result.suggestions];
  }
}

/** The whole reply to a lookup, as cards. */
export function lookupReply(result: LookupResult): Reply {
  return { visibility: "private", cards: [lookupCard(result)] };
}

/** For a question in many words: which of its words were read as what. */
function readAsSection(result: LookupResult): Section[] {
  if (result.kind !== "answer" && result.kind !== "service-stack" && result.kind !== "area-table") return [];
  if (!result.readAs || result.readAs.length === 0) return [];
  return [{ text: `I read ${result.readAs.map((r) => `"${r.words}" as ${r.name}`).join(", ")}.` }];
}

function correctionsSection(result: LookupResult): Section[] {
  if (result.corrections.length === 0) return readAsSection(result);
  const seen = new Set<string>();
  const list = result.corrections
    .filter((c) => !seen.has(c.from) && seen.add(c.from))
    .map((c) => `"${echo(c.from)}" as "${c.to}"`)
    .join(", ");
  return [{ text: `Did you mean that? I read ${list}.` }, ...readAsSection(result)];
}

function lookupCard(result: LookupResult): Card {
  switch (result.kind) {
    case "answer": {
      const c = result.condition;
      const sections: Section[] = [];
      // Right under the headline, so a reader who stops there still learns when the other side acts.
      if (!c && result.cell.inPractice) sections.push({ label: "In practice", text: result.cell.inPractice });
      sections.push(
        ...correctionsSection(result),
        ...(result.service ? [] : sharedControlSection(result.area)),
      );
      if (result.alsoFor.length > 0 && result.service)
        sections.push({
          text: `The same owner holds for ${[result.service, ...result.alsoFor].map((s) => s.name).join(" and ")}, so it does not matter which you meant; the details below are ${result.service.name}'s.`,
        });
      if (result.exceptions && result.exceptions.length > 0)
        sections.push({
          label: "Except on",
          items: result.exceptions.map(
            (r) => say`${r.service.name}: ${ownerLabel(r.owner)} (${ask(`${r.service.id} ${r.area.id}`)})`,
          ),
        });
      if (c) sections.push({ label: "When", text: c.when });
      sections.push({ label: "Why", text: c ? c.why : result.cell.why });
      sections.push({ label: "AWS's part", text: c?.aws ?? result.cell.aws });
      sections.push({ label: "Your part", text: c?.customer ?? result.cell.customer });
      if (c) {
        sections.push({
          label: "Otherwise",
          text: `${OWNER_LABEL[result.cell.owner]}. ${result.cell.why}`,
        });
      }
      const others = result.cell.conditions.filter((x) => x !== c);
      if (others.length > 0)
        sections.push({
          label: "Exceptions",
          items: others.map((x) => `${x.when}: ${OWNER_LABEL[x.owner]}. ${x.why}`),
        });
      if (result.unusedWords.length > 0)
        sections.push({
          text: `"${echo([...new Set(result.unusedWords)].join(" "))}" does not change this answer.`,
        });
      const sources = [...result.cell.sources, ...(c?.sources ?? [])];
      return {
        accent: result.owner,
        title: OWNER_LABEL[result.owner],
        subtitle: `${result.service ? result.service.name : result.exceptions ? "Most services" : "Every service"} · ${result.area.name}`,
        sections,
        footer: sourcesLine(sources),
      };
    }
    case "not-applicable":
      return {
        accent: "neutral",
        title: "Does not apply",
        subtitle: `${result.service.name} · ${result.area.name}`,
        sections: [
          ...correctionsSection(result),
          { text: result.cell.why },
          { label: "Look instead at", items: lookupSuggestions(result).map(asked) },
        ],
        footer: sourcesLine(result.cell.sources),
      };
    case "service-stack": {
      const sections: Section[] = [...correctionsSection(result), { text: result.service.summary }];
      for (const owner of [...OWNERS, null] as const) {
        const names = result.rows.filter((r) => r.owner === owner).map((r) => r.area.name);
        if (names.length > 0) sections.push({ label: ownerLabel(owner), text: names.join(", ") });
      }
      sections.push({
        text: say`Ask "${ask(`${result.service.id} <area>`)}" for the why, the exceptions and the source.`,
      });
      return {
        accent: "neutral",
        title: result.service.name,
        subtitle: "who owns what",
        sections,
      };
    }
    case "area-table":
      return {
        accent: "neutral",
        title: result.area.name,
        subtitle: "the owner depends on the service",
        sections: [
          ...correctionsSection(result),
          ...sharedControlSection(result.area),
          { text: result.area.summary },
          {
            table: {
              columns: ["Service", "Owner"],
              rows: result.rows.map((r) => [r.service.name, ownerLabel(r.owner)]),
            },
          },
          {
            text: say`Ask "${ask(`<service> ${result.area.id}`)}" for the why, the exceptions and the source.`,
          },
        ],
      };
    case "which-service": {
      const sections: Section[] = [...correctionsSection(result)];
      if (result.area) {
        sections.push({
          table: {
            columns: ["Service", result.area.name],
            rows: result.rows.map((r) => [r.service.name, ownerLabel(r.owner)]),
          },
        });
      } else {
        sections.push({ items: result.services.map((s) => `${s.name}: ${s.summary}`) });
      }
      sections.push({ label: "Try", items: lookupSuggestions(result).map(asked) });
      return { accent: "neutral", title: result.question, sections };
    }
    case "which-area": {
      const sections: Section[] = [...correctionsSection(result)];
      if (result.rows.length > 0) {
        sections.push({
          table: {
            columns: ["Area", "Owner"],
            rows: result.rows.map((r) => [r.area.name, ownerLabel(r.owner)]),
          },
        });
      }
      const named = [...result.services.map((s) => s.name), ...result.areas.map((a) => a.name)].join(", ");
      const suggestions = lookupSuggestions(result);
      if (suggestions.length > 0) sections.push({ label: "Try", items: suggestions.map(asked) });
      else
        sections.push({
          text: say`Name one area to compare them, e.g. "${ask(`${result.services.map((s) => s.id).join(" ")} os-patching`)}".`,
        });
      return {
        accent: "neutral",
        title: result.areas.length > 0 ? "Which area do you mean?" : "Which area should I compare?",
        subtitle: `you named ${named}`,
        sections,
      };
    }
    case "concept":
      return conceptCard(result);
    case "unknown":
      return unknownCard(result);
  }
}

/** For an area AWS names a shared control, asked without a service: that fact first, with its source. */
function sharedControlSection(area: Area): Section[] {
  if (!area.sharedControl) return [];
  return [
    {
      text: `AWS names ${area.name.toLowerCase()} a shared control: AWS carries it out for its own infrastructure and people, and you for your own workloads and staff, each side separately (${SHARED_RESPONSIBILITY_PAGE}).`,
    },
  ];
}

function conceptCard(result: Extract<LookupResult, { kind: "concept" }>): Card {
  const c = result.concept;
  const sections: Section[] = [...correctionsSection(result), { text: c.definition }];
  if (c.aws) sections.push({ label: "AWS's part", text: c.aws });
  if (c.customer) sections.push({ label: "Your part", text: c.customer });
  sections.push({
    label: "See it in lookups",
    items: result.examples.map(
      (e) => say`${ask(e.lookup)}: ${e.owner ? OWNER_LABEL[e.owner] : "depends on the service"}`,
    ),
  });
  if (result.related.length > 0)
    sections.push({ label: "Related areas", text: result.related.map((a) => a.name).join(", ") });
  return {
    accent: c.owner ?? "neutral",
    title: c.owner ? `${c.name}: ${OWNER_LABEL[c.owner]}` : c.name,
    subtitle: c.duty
      ? "the same on every service"
      : c.owner
        ? "a concept of the shared responsibility model"
        : "how AWS and its customers split security",
    sections,
    footer: sourcesLine(c.sources),
  };
}

function unknownCard(result: Extract<LookupResult, { kind: "unknown" }>): Card {
  const sections: Section[] = [];
  let title: string;
  switch (result.reason) {
    case "empty":
      title = "Ask about a service, an area, or both";
      break;
    case "too-long":
      title = "That question is too long";
      sections.push({
        text: say`Ask in a few words: a service and an area, e.g. ${ask("ec2 os-patching")}.`,
      });
      break;
    case "unknown-words":
      title = `I don't know ${echoWords(result.unknown)}`;
      if (result.understood.length > 0)
        sections.push({
          text: `I understood ${result.understood.join(", ")}, but I won't guess an owner while part of the question is unknown to me.`,
        });
      break;
    case "nothing-named":
      title = "That names no service or area I know";
      break;
  }
  if (result.suggestions.length > 0)
    sections.push({ label: "Did you mean", items: result.suggestions.map(asked) });
  sections.push({
    text: say`Try "${ask("ec2 os-patching")}", "${ask("rds")}" or "${ask("patching")}"; "${cmd("help")}" lists everything.`,
  });
  return { accent: "warning", title, sections };
}

/** A lookup as a command reference: `/srm ec2 os-patching` in text, Discord's ask elsewhere. */
function ask(text: string): CommandRef {
  return cmd("ask", { text });
}

/** A suggested lookup as a line of a list. */
function asked(text: string): Text {
  return [ask(text)];
}
