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
          "Lookups are private: they are counted anonymously, by the service and area recognised; what you type and who asked are never stored or posted",
        ],
      },
      {
        label: "Services",
        text: "ec2, ebs, rds, aurora, dynamodb, s3, lambda, ecs (on ec2 / on fargate), eks (control plane / nodes on ec2 / fargate), beanstalk, api gateway, cloudfront, sqs, sns, kms, iam, vpc, and the tiers iaas, paas, serverless",
      },
      {
        label: "Areas",
        text: "physical security, hypervisor, host os, os-patching, engine patching, runtime, code, data, encryption at rest / in transit, keys, iam, mfa, sg, nacl, network, backups, multi-az, scaling, logging, compliance, training, incident response, secrets, images, input validation, public access and more.",
      },
      {
        label: "Questions and scores",
        items: [
          "/srm quiz: a private question now; answer with the buttons or /srm answer B",
          "/srm leaderboard [week|month|all|accuracy|<competition>] and /srm stats [person]",
          "/srm competition status: the running competition's leaders",
          "/srm daily status: when this channel's next question is posted and revealed",
        ],
      },
      {
        label: "Practice (spaced repetition)",
        items: [
          "/srm practice: your most due card, privately, one after another until none is due",
          "/srm review: the questions you missed, until each is answered right",
          "/srm cram [service]: everything in a service regardless of due dates (alone: every card you have)",
          "/srm drill ec2 os-patching: add a cell to your cards and be asked it (the Quiz me on this button)",
          "/srm sure guess | fairly | certain: how sure you were of your last right answer",
          "/srm skip: skip your open question (no card changes); /srm idk (or: i don't know): count it as a miss and see the answer",
          "/srm stop: end your practice, review or cram; it says how many you did and what is still due",
        ],
      },
      {
        label: "Admins",
        items: [
          "/srm daily set 09:30 Europe/Berlin mon-fri reveal 16:00 (or reveal after 6h; a question stays open at least 15 minutes); daily off | skip <date> | pause until <date> | resume | now",
          "/srm reveal: close and reveal the open question now",
          "/srm void: withdraw a question posted by mistake: no answer shown, no points, it may come again later",
          '/srm competition start "Spring Cup" 2w (or an end date YYYY-MM-DD) | competition end',
          "/srm settings services ec2,rds | difficulty easy|medium|hard|any | speed-bonus on|off | pick rotation|memory | digest on|off (Mondays from 09:00 UTC)",
        ],
      },
    ],
  };
}
