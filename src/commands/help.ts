import type { Card } from "../views/card.js";

/** The usage card for `/srm` and `/srm help`. */
export function helpCard(): Card {
  return {
    accent: "neutral",
    title: "srm-bot: who secures what on AWS",
    subtitle: "the AWS Shared Responsibility Model, one question at a time",
    sections: [
      {
        label: "Ownership lookups",
        items: [
          "/srm ec2 os-patching: who owns one area on one service, why, both parts, the exceptions and the source",
          "/srm rds: the whole responsibility stack of a service",
          "/srm patching: one area compared across every service",
          '/srm who patches the rds engine: free phrasing works; typos get a "did you mean"',
          "/srm lambda runtime manual mode: a condition in the question is answered for that condition",
          "/srm ecs security groups: an ambiguous name asks which variant and shows each",
        ],
      },
      {
        label: "Names",
        text: "Services: ec2, ebs, rds, aurora, dynamodb, s3, lambda, ecs (on ec2 / on fargate), eks (control plane / nodes on ec2 / fargate), beanstalk, api gateway, cloudfront, sqs, sns, kms, iam, vpc, and the tiers iaas, paas, serverless. Areas: physical security, hypervisor, host os, os-patching, engine patching, runtime, code, data, encryption at rest / in transit, keys, iam, mfa, sg, nacl, network, backups, multi-az, scaling, logging, compliance, training, incident response, secrets, images, input validation, public access and more.",
      },
      { label: "Also", text: "/srm help: this message." },
    ],
  };
}
