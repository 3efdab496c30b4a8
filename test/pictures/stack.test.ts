import { describe, expect, it } from "vitest";
import { ACCENT_COLOURS } from "../../adapters/discord/embeds.js";
import type { Service } from "../../src/domain/matrix.js";
import { HOLDER_FILL, holderKey } from "../../src/pictures/palette.js";
import { PictureRenderer } from "../../src/pictures/render.js";
import { comparePicture, stackLayers, stackPicture } from "../../src/pictures/stack.js";
import { wrapText } from "../../src/pictures/text.js";
import { realMatrix } from "../support/app.js";
import { clearOf, decode, pixel } from "./png-pixels.js";

const matrix = realMatrix();
const renderer = new PictureRenderer();
const stackPictureOf = (s: Service) => stackPicture(s, stackLayers(matrix, s));
const service = (id: string): Service => {
  const s = matrix.service(id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
};

describe("a service's stack as a picture", () => {
  it("decodes as a PNG of the size it says, with every layer from physical security up to customer data", () => {
    const picture = stackPictureOf(service("rds"));
    const png = decode(renderer.png(picture.svg).bytes);
    expect([png.width, png.height]).toEqual([picture.width, picture.height]);
    expect(png.width).toBe(720);
    expect(png.height).toBeGreaterThan(400);
    expect(png.height).toBeLessThan(1000);
    expect(picture.boxes.map((b) => b.label).at(0)).toBe("Customer data");
    expect(picture.boxes.map((b) => b.label).at(-1)).toBe("Physical security");
  });

  it("paints each layer in its owner's colour: RDS's engine AWS orange, its data customer blue, its runtime grey", () => {
    const picture = stackPictureOf(service("rds"));
    const png = decode(renderer.png(picture.svg).bytes);
    const colourOf = (label: string) => {
      const box = picture.boxes.find((b) => b.label === label);
      if (!box) throw new Error(`no layer ${label}`);
      const at = clearOf(box.box);
      return pixel(png, at.x, at.y);
    };
    expect(colourOf("Database engine patching")).toBe("#ff9900");
    expect(colourOf("Customer data")).toBe("#1f6feb");
    expect(colourOf("Runtime patching")).toBe("#8b949e");
    expect(colourOf("Physical security")).toBe("#ff9900");
  });

  it("moves the line with the service: EC2's guest OS is the customer's, RDS.s is AWS.s", () => {
    for (const [id, expected] of [
      ["ec2", "#1f6feb"],
      ["rds", "#ff9900"],
    ] as const) {
      const picture = stackPictureOf(service(id));
      const png = decode(renderer.png(picture.svg).bytes);
      const box = picture.boxes.find((b) => b.label === "Guest OS patching");
      if (!box) throw new Error("no guest OS layer");
      const at = clearOf(box.box);
      expect(pixel(png, at.x, at.y), id).toBe(expected);
    }
  });

  it("every layer of every service has the colour of the matrix's owner of that cell", () => {
    for (const s of matrix.services) {
      const picture = stackPictureOf(s);
      const png = decode(renderer.png(picture.svg).bytes);
      for (const b of picture.boxes) {
        const area = matrix.areas.find((a) => a.name === b.label);
        if (!area) throw new Error(`no area ${b.label}`);
        const { cell } = matrix.cell(s, area);
        const at = clearOf(b.box);
        expect(pixel(png, at.x, at.y), `${s.id} ${area.id}`).toBe(
          HOLDER_FILL[holderKey(cell.applies ? cell.owner : null)],
        );
      }
    }
  });

  it("names the service and every owner in its alt text, top layer first", () => {
    const { alt } = stackPictureOf(service("lambda"));
    expect(alt).toMatch(/^Responsibility stack of AWS Lambda/);
    expect(alt).toContain("Customer data, Customer");
    expect(alt).toContain("Physical security, AWS");
    expect(alt.indexOf("Customer data")).toBeLessThan(alt.indexOf("Physical security"));
  });

  it("fits every service's name on its picture uncut", () => {
    for (const s of matrix.services) expect(wrapText(s.name, 30, 720 - 48, 1, true), s.id).toEqual([s.name]);
  });

  it("uses the same owner colours as the Discord cards", () => {
    for (const owner of ["aws", "customer", "shared"] as const)
      expect(HOLDER_FILL[owner]).toBe(`#${ACCENT_COLOURS[owner].toString(16).padStart(6, "0")}`);
    expect(HOLDER_FILL.none).toBe(`#${ACCENT_COLOURS.neutral.toString(16).padStart(6, "0")}`);
  });

  it("renders a picture once: the same picture again comes from the cache, another service draws afresh", () => {
    const first = renderer.png(stackPictureOf(service("s3")).svg);
    expect(renderer.png(stackPictureOf(service("s3")).svg)).toBe(first);
    expect(renderer.png(stackPictureOf(service("ec2")).svg)).not.toBe(first);
  });
});

describe("services compared side by side", () => {
  it("draws one column per service, each cell in its owner's colour, so the line moves from EC2 to Lambda", () => {
    const services = ["ec2", "rds", "lambda"].map(service);
    const picture = comparePicture(matrix, services);
    const png = decode(renderer.png(picture.svg).bytes);
    expect([png.width, png.height]).toEqual([picture.width, picture.height]);
    const at = (label: string) => {
      const b = picture.boxes.find((x) => x.label === label);
      if (!b) throw new Error(`no cell ${label}`);
      const p = clearOf(b.box);
      return pixel(png, p.x, p.y);
    };
    expect(at("Amazon EC2: Guest OS patching")).toBe("#1f6feb");
    expect(at("Amazon RDS: Guest OS patching")).toBe("#ff9900");
    expect(at("Amazon RDS: Runtime patching")).toBe("#8b949e");
    expect(at("AWS Lambda: Physical security")).toBe("#ff9900");
    expect(picture.alt).toContain(
      "Guest OS patching: Customer on Amazon EC2, AWS on Amazon RDS, AWS on AWS Lambda",
    );
    expect(picture.alt).not.toContain("Physical security");
  });

  it("refuses fewer than two or more than five services", () => {
    expect(() => comparePicture(matrix, [service("ec2")])).toThrow(RangeError);
    expect(() => comparePicture(matrix, ["ec2", "rds", "lambda", "s3", "ebs", "efs"].map(service))).toThrow(
      RangeError,
    );
  });
});
