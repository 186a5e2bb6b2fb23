/**
 * The municipality's CodeArtifact PyPI mirror: which domain and repositories the endpoint
 * policies name, and whether this stack creates them.
 */
import { z } from "zod";
import { CHARACTERS } from "../characters";
import { accountId, bool, refusedByModel, refuse } from "../fields";
import { CONFIG_MESSAGES as m } from "../messages";

const CODEARTIFACT_DOMAIN_MESSAGE = m.codeArtifactDomain;
const CODEARTIFACT_REPO_MESSAGE = m.codeArtifactRepository;
const repositoryName = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]{1,99}$/, { error: CODEARTIFACT_REPO_MESSAGE, abort: true })
  .superRefine(
    refusedByModel(
      { service: "codeartifact", operation: "CreateRepository", path: "repository" },
      "CodeArtifact CreateRepository",
      () => CODEARTIFACT_REPO_MESSAGE,
    ),
  );

export const codeArtifactSchema = z
  .strictObject({
    domainName: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,48}[a-z0-9]$/, { error: CODEARTIFACT_DOMAIN_MESSAGE, abort: true })
      .superRefine(
        refusedByModel(
          { service: "codeartifact", operation: "CreateDomain", path: "domain" },
          "CodeArtifact CreateDomain",
          () => CODEARTIFACT_DOMAIN_MESSAGE,
        ),
      )
      .default("bedrock-lz")
      .meta({
        description: "CodeArtifact domain the endpoint policies (and the mirror) use.",
        descriptionJa: "エンドポイントポリシー(とミラー)が使う CodeArtifact のドメイン。",
        characters: CHARACTERS.codeArtifactDomain,
      }),
    domainOwner: accountId.optional().meta({
      description:
        "Account owning the domain; default this account. Another account: the domain is never created here.",
      descriptionJa:
        "ドメインを所有するアカウント。既定はこのアカウントです。別のアカウントなら、ドメインはここでは作りません。",
    }),
    repositoryName: repositoryName.default("pypi").meta({
      description: "Repository pip reads from.",
      descriptionJa: "pip が読むリポジトリ。",
      characters: CHARACTERS.codeArtifactRepository,
    }),
    upstreamRepositoryName: repositoryName.default("pypi-store").meta({
      description: "Repository holding the `public:pypi` external connection, upstream of `repositoryName`.",
      descriptionJa: "`public:pypi` の外部接続を持つリポジトリ。`repositoryName` の上流です。",
      characters: CHARACTERS.codeArtifactRepository,
    }),
    mirror: bool(false).meta({
      description: "Create the repositories (and the domain when this account owns it).",
      descriptionJa: "リポジトリを作ります(このアカウントがドメインを所有するなら、ドメインも作ります)。",
    }),
    clientReadAccess: bool(false).meta({
      description: "Temporary read policy on the client role for `pip install`: on for setup, off afterwards.",
      descriptionJa:
        "`pip install` のためにクライアントロールに付ける一時的な読み取りポリシー。セットアップ中は on、終わったら off にします。",
    }),
  })
  .prefault({});
type CodeArtifactInput = z.output<typeof codeArtifactSchema>;

/** The client repository reads through the upstream one, so one repository cannot be both. */
export function distinctMirrorRepositories(
  cfg: { readonly codeArtifact: CodeArtifactInput },
  ctx: z.RefinementCtx,
): void {
  const { repositoryName, upstreamRepositoryName } = cfg.codeArtifact;
  if (repositoryName === upstreamRepositoryName) {
    refuse(ctx, ["codeArtifact", "upstreamRepositoryName"], m.distinctRepositories({ repository: repositoryName }));
  }
}

/** The settings the endpoint policies and the mirror use; the domain owner defaults to this account. */
export function resolveCodeArtifact(cfg: CodeArtifactInput, stackAccountId: string) {
  return {
    domainName: cfg.domainName,
    domainOwner: cfg.domainOwner ?? stackAccountId,
    repositoryName: cfg.repositoryName,
    upstreamRepositoryName: cfg.upstreamRepositoryName,
    mirror: cfg.mirror,
    clientReadAccess: cfg.clientReadAccess,
  };
}

export type CodeArtifactSettings = ReturnType<typeof resolveCodeArtifact>;
