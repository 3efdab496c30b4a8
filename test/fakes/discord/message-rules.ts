/** One rule of Discord's message validation that a body broke, as a path and a reason. */
export interface FormError {
  readonly path: string;
  readonly reason: string;
}

type Json = Record<string, unknown>;

const len = (v: unknown): number => (typeof v === "string" ? v.length : 0);

/**
 * Checks a message body (create, edit or interaction reply) against Discord's documented limits, as
 * Discord answers 400 Invalid Form Body (50035) when one is broken: content 2000; at most 10 embeds; an
 * embed's title 256, description 4096, 25 fields, field name 256 and value 1024 (both required), footer
 * 2048, and 6000 characters across all embeds; at most 5 action rows of at most 5 buttons, each with a
 * custom_id of 1-100 characters unique in the message and a label of at most 80.
 */
export function messageBodyErrors(body: Json): FormError[] {
  const errors: FormError[] = [];
  const bad = (path: string, reason: string) => errors.push({ path, reason });
  if (len(body.content) > 2000) bad("content", "Must be 2000 or fewer in length.");
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  if (embeds.length > 10) bad("embeds", "Must be 10 or fewer in length.");
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds.${i}`;
    if (len(e.title) > 256) bad(`${at}.title`, "Must be 256 or fewer in length.");
    if (len(e.description) > 4096) bad(`${at}.description`, "Must be 4096 or fewer in length.");
    const footer = (e.footer ?? {}) as Json;
    if (len(footer.text) > 2048) bad(`${at}.footer.text`, "Must be 2048 or fewer in length.");
    const fields = Array.isArray(e.fields) ? (e.fields as Json[]) : [];
    if (fields.length > 25) bad(`${at}.fields`, "Must be 25 or fewer in length.");
    fields.forEach((f, j) => {
      if (len(f.name) === 0 || len(f.name) > 256) bad(`${at}.fields.${j}.name`, "Must be 1-256 in length.");
      if (len(f.value) === 0 || len(f.value) > 1024)
        bad(`${at}.fields.${j}.value`, "Must be 1-1024 in length.");
      total += len(f.name) + len(f.value);
    });
    total += len(e.title) + len(e.description) + len(footer.text) + len(((e.author ?? {}) as Json).name);
  });
  if (total > 6000) bad("embeds", "Embed size exceeds maximum size of 6000");
  const rows = Array.isArray(body.components) ? (body.components as Json[]) : [];
  if (rows.length > 5) bad("components", "Must be 5 or fewer in length.");
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const buttons = Array.isArray(row.components) ? (row.components as Json[]) : [];
    if (row.type !== 1) bad(`components.${i}.type`, "Value must be one of {1}.");
    if (buttons.length === 0 || buttons.length > 5)
      bad(`components.${i}.components`, "Must be 1-5 in length.");
    // A string select menu (type 3) fills its row alone.
    if (buttons.some((b) => b.type === 3)) {
      if (buttons.length !== 1) bad(`components.${i}.components`, "Must be 1 in length.");
      buttons.forEach((menu, j) => {
        const at = `components.${i}.components.${j}`;
        const id = menu.custom_id;
        if (typeof id !== "string" || id.length === 0 || id.length > 100)
          bad(`${at}.custom_id`, "Must be 1-100 in length.");
        else if (ids.has(id)) bad(`${at}.custom_id`, "Component custom id cannot be duplicated");
        else ids.add(id);
        if (len(menu.placeholder) > 150) bad(`${at}.placeholder`, "Must be 150 or fewer in length.");
        const options = Array.isArray(menu.options) ? (menu.options as Json[]) : [];
        if (options.length === 0 || options.length > 25) bad(`${at}.options`, "Must be 1-25 in length.");
        options.forEach((o, k) => {
          if (len(o.label) === 0 || len(o.label) > 100)
            bad(`${at}.options.${k}.label`, "Must be 1-100 in length.");
          if (len(o.value) === 0 || len(o.value) > 100)
            bad(`${at}.options.${k}.value`, "Must be 1-100 in length.");
        });
      });
      return;
    }
    buttons.forEach((b, j) => {
      const at = `components.${i}.components.${j}`;
      if (b.type !== 2) bad(`${at}.type`, "Value must be one of {2}.");
      if (len(b.label) > 80) bad(`${at}.label`, "Must be 80 or fewer in length.");
      if (b.style !== 5 && b.style !== 6) {
        const id = b.custom_id;
        if (typeof id !== "string" || id.length === 0 || id.length > 100)
          bad(`${at}.custom_id`, "Must be 1-100 in length.");
        else if (ids.has(id)) bad(`${at}.custom_id`, "Component custom id cannot be duplicated");
        else ids.add(id);
      }
    });
  });
  return errors;
}

/** Checks an autocomplete result: at most 25 choices, names and string values of 1-100 characters. */
export function autocompleteErrors(data: Json): FormError[] {
  const choices = Array.isArray(data.choices) ? (data.choices as Json[]) : null;
  if (!choices) return [{ path: "data.choices", reason: "This field is required" }];
  const errors: FormError[] = [];
  if (choices.length > 25) errors.push({ path: "data.choices", reason: "Must be 25 or fewer in length." });
  choices.forEach((c, i) => {
    if (len(c.name) === 0 || len(c.name) > 100)
      errors.push({ path: `data.choices.${i}.name`, reason: "Must be 1-100 in length." });
    if (typeof c.value === "string" && (c.value.length === 0 || c.value.length > 100))
      errors.push({ path: `data.choices.${i}.value`, reason: "Must be 1-100 in length." });
  });
  return errors;
}
