/** Who carries a responsibility: AWS, the customer, or both with named parts. */
export type Owner = "aws" | "customer" | "shared";

/** Every owner, in the order replies list them. */
export const OWNERS: readonly Owner[] = ["aws", "shared", "customer"];

/** The word a person reads for an owner. */
export const OWNER_LABEL: Record<Owner, string> = { aws: "AWS", customer: "Customer", shared: "Shared" };

/** A service tier as the seeds teach them. */
export type Tier = "iaas" | "paas" | "serverless";

/** An AWS service, a service variant (ECS on Fargate) or a tier pseudo-service. */
export interface Service {
  readonly id: string;
  readonly name: string;
  readonly kind: "service" | "tier";
  readonly tier?: Tier;
  readonly aliases: readonly string[];
  readonly summary: string;
  /** The area this service's name also stands for when another service is named beside it. */
  readonly area?: string;
}

/** A word that names several services at once ("ecs", "database"): a lookup asks which one. */
export interface ServiceGroup {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly members: readonly string[];
  readonly question: string;
}

/** A responsibility area: patching, encryption at rest, security groups... */
export interface Area {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  /** More specific areas that win when named together with this one. */
  readonly narrower: readonly string[];
  /** The cell for every service that does not define its own. */
  readonly default?: Cell;
  /** AWS's shared responsibility page names this area a shared control (patch management...). */
  readonly sharedControl?: boolean;
}

/** A situation that changes the owner or the split of a cell (manual runtime mode, major version upgrade). */
export interface Condition {
  readonly id: string;
  readonly when: string;
  /** Phrases, each a list of words; the condition applies when every word of one phrase was asked. */
  readonly match: readonly (readonly string[])[];
  readonly owner: Owner;
  readonly aws?: string;
  readonly customer?: string;
  readonly why: string;
  readonly sources?: readonly string[];
}

/** A cell that applies: one owner, both parts, why, sources and the conditions that change it. */
export interface ApplicableCell {
  readonly applies: true;
  readonly owner: Owner;
  readonly aws: string;
  readonly customer: string;
  readonly why: string;
  readonly sources: readonly string[];
  readonly conditions: readonly Condition[];
  /** The "In practice: ..." line shown right under the headline when the conditions give other owners. */
  readonly inPractice?: string;
}

/** A cell whose area has no meaning on the service, with where to look instead. */
export interface NotApplicableCell {
  readonly applies: false;
  readonly why: string;
  readonly see: readonly string[];
  readonly sources: readonly string[];
}

/** One cell of the ownership matrix. */
export type Cell = ApplicableCell | NotApplicableCell;

/** A cell as found for a service and an area, with whether it came from the area's default. */
export interface ResolvedCell {
  readonly service: Service;
  readonly area: Area;
  readonly cell: Cell;
  readonly inherited: boolean;
}

/** The names of the matrix's services and areas, which is all a view needs of the matrix to show an id. */
export interface MatrixNames {
  /** The service with this id, if the matrix has it. */
  service(id: string): Service | undefined;
  /** The area with this id, if the matrix has it. */
  area(id: string): Area | undefined;
}

/** A recognised (service, area) cell and how many lookups answered it. */
export interface AskedCell {
  readonly serviceId: string;
  readonly areaId: string;
  readonly count: number;
}
