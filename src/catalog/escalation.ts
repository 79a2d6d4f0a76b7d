/** Why starting a build (or a batch of them) escalates: the request may replace the project's buildspec. */
const BUILDSPEC_OVERRIDE =
  "starts a build of an existing project with a buildspec of its own, which runs as the project's service role"

/**
 * Actions that let a principal give itself (or a principal it controls) more permissions than it was
 * granted: the single-permission paths, and the enablers of the multi-permission ones.
 *
 * Sources:
 * - Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation" (Spencer Gietzen,
 *   2018), methods 1–21: https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 * - Bishop Fox, "iam-vulnerable" (2021), the 31 exploitable paths it builds:
 *   https://github.com/BishopFox/iam-vulnerable
 * - AWS IAM User Guide, "Permissions boundaries for IAM entities": deleting or replacing a boundary
 *   lifts the ceiling it sets.
 * - Datadog, pathfinding.cloud (Apache-2.0; the paths of data/paths/ at 84dd65c, December 2025, and
 *   ecs-006, which salesforce/cloudsplaining links to): the paths that act as an existing service's role
 *   (codebuild-002/003, ssm-001, ec2instanceconnect-003, sagemaker-004, apprunner-002, ecs-006):
 *   https://pathfinding.cloud/paths/
 * - Prowler (Apache-2.0), prowler/providers/aws/services/iam/lib/privilege_escalation.py:
 *   lambda:UpdateFunctionConfiguration.
 * - pathfinding.cloud's batch-002 (its data/paths/aws/ of 2026, and the DataDog/pathfinding-labs scenario
 *   that builds it): batch:SubmitJob alone, overriding the command of a definition whose job role is
 *   an administrator's, without iam:PassRole; bedrock-004 (the same scenarios; BeyondTrust Phantom Labs,
 *   "Mapping Every Privilege Escalation Path in AWS AgentCore", 2026): InvokeAgentRuntimeCommand runs a
 *   command as root beside an existing runtime's agent, where its execution role's credentials are.
 *
 * Keys are lower case: IAM action names are case-insensitive. Values say why, for the finding message.
 */
export const ESCALATION_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['iam:passrole', 'hands a more privileged role to a service the principal controls (EC2, Lambda, Glue, …)'],
  ['iam:createpolicyversion', 'rewrites a managed policy, and can make the new version the default'],
  ['iam:setdefaultpolicyversion', 'switches a managed policy to a more permissive existing version'],
  ['iam:createaccesskey', 'creates access keys for other users and acts as them'],
  ['iam:createloginprofile', 'sets a console password for a user that has none and signs in as it'],
  ['iam:updateloginprofile', "changes another user's console password"],
  ['iam:attachuserpolicy', 'attaches any managed policy (AdministratorAccess) to a user'],
  ['iam:attachgrouppolicy', 'attaches any managed policy to a group the principal is in'],
  ['iam:attachrolepolicy', 'attaches any managed policy to a role the principal can assume'],
  ['iam:putuserpolicy', 'writes an arbitrary inline policy on a user'],
  ['iam:putgrouppolicy', 'writes an arbitrary inline policy on a group'],
  ['iam:putrolepolicy', 'writes an arbitrary inline policy on a role'],
  ['iam:addusertogroup', 'joins a more privileged group'],
  ['iam:updateassumerolepolicy', "rewrites a role's trust policy so the principal can assume it"],
  ['iam:deleteuserpermissionsboundary', 'removes the permissions boundary that caps a user'],
  ['iam:deleterolepermissionsboundary', 'removes the permissions boundary that caps a role'],
  ['iam:putuserpermissionsboundary', "replaces a user's permissions boundary with a wider one"],
  ['iam:putrolepermissionsboundary', "replaces a role's permissions boundary with a wider one"],
  ['sts:assumerole', 'assumes any role whose trust policy allows the account'],
  ['lambda:updatefunctioncode', 'runs its own code as the execution role of an existing function'],
  [
    'lambda:updatefunctionconfiguration',
    "gives an existing function a layer or environment of its own, whose code runs as the function's execution role",
  ],
  ['glue:updatedevendpoint', 'adds its SSH key to a Glue development endpoint and acts as its role'],
  ['ssm:sendcommand', 'runs commands on instances as their instance profile role'],
  [
    'ec2:modifyinstanceattribute',
    "replaces an instance's user data, which runs as its instance profile role",
  ],
  ['cloudformation:updatestack', 'changes a stack so that its (more privileged) service role acts'],
  ['codebuild:startbuild', BUILDSPEC_OVERRIDE],
  ['codebuild:startbuildbatch', BUILDSPEC_OVERRIDE],
  ['ssm:startsession', 'opens a shell on instances and acts as their instance profile role'],
  ['ecs:executecommand', 'opens a shell in running containers and acts as their task role'],
  [
    'ec2-instance-connect:sendsshpublickey',
    'logs in to instances with an SSH key of its own and acts as their instance profile role',
  ],
  [
    'sagemaker:createpresignednotebookinstanceurl',
    'opens an existing notebook instance and runs code as its execution role',
  ],
  [
    'apprunner:updateservice',
    'changes what an App Runner service runs, which then acts as its instance role',
  ],
  [
    'bedrock-agentcore:invokeagentruntimecommand',
    'runs commands as root in an existing AgentCore runtime, whose execution role they act as',
  ],
  [
    'batch:submitjob',
    "submits a job of an existing job definition with a command of its own, which runs as the definition's job role",
  ],
])

/** What of a principal's own an escalation action changes: its role or user, a group it is in, a policy it has. */
export type OwnTarget = 'role' | 'user' | 'group' | 'policy'

/**
 * The escalation actions that change what a principal may do when their resource is its own: its role
 * or user (an inline policy, an attached one, its permissions boundary), a group it is in, one of its
 * customer managed policies (a new version). Scoped to a prefix (`role/app-*`) they are not broad, yet
 * a principal the prefix names can give itself anything (Bishop Fox's iam-vulnerable, fn2).
 */
export const OWN_TARGETS: ReadonlyMap<string, OwnTarget> = new Map([
  ['iam:putrolepolicy', 'role'],
  ['iam:attachrolepolicy', 'role'],
  ['iam:putrolepermissionsboundary', 'role'],
  ['iam:deleterolepermissionsboundary', 'role'],
  ['iam:putuserpolicy', 'user'],
  ['iam:attachuserpolicy', 'user'],
  ['iam:putuserpermissionsboundary', 'user'],
  ['iam:deleteuserpermissionsboundary', 'user'],
  ['iam:putgrouppolicy', 'group'],
  ['iam:attachgrouppolicy', 'group'],
  ['iam:createpolicyversion', 'policy'],
  ['iam:setdefaultpolicyversion', 'policy'],
])

/**
 * Of the escalation actions that act on resources of several types, the types through which they
 * escalate: every instance a command may run on is escalation, every document it may run is not — IAM
 * authorizes such a request on each resource it names, so a statement on all documents alone reaches no
 * instance. Others escalate through their only type. Types as the catalog keys them.
 */
const ESCALATION_TARGETS: ReadonlyMap<string, readonly string[]> = new Map([
  ['ssm:sendcommand', ['instance', 'managed-instance']],
  ['ssm:startsession', ['instance', 'managed-instance', 'task']],
  ['ec2:modifyinstanceattribute', ['instance']],
  ['ecs:executecommand', ['task']],
  ['apprunner:updateservice', ['service']],
  // Every job definition may carry an administrator's job role; every job queue alone runs none.
  ['batch:submitjob', ['job-definition', 'job-definition-revision']],
  // The runtime holds the execution role; an endpoint is a runtime's.
  ['bedrock-agentcore:invokeagentruntimecommand', ['runtime']],
])

/**
 * The resource types of an escalation action (as the catalog spells it, with its types) whose every
 * resource makes it as wide as `*`: ESCALATION_TARGETS, else all of them.
 */
export function escalationTargets(action: {
  readonly name: string
  readonly resourceTypes: readonly string[]
}): readonly string[] {
  return ESCALATION_TARGETS.get(action.name.toLowerCase()) ?? action.resourceTypes
}

/** Why `action` (any case) allows privilege escalation, or undefined when it is not known to. */
export function escalationReason(action: string): string | undefined {
  return ESCALATION_ACTIONS.get(action.toLowerCase())
}

/** The services of ESCALATION_ACTIONS: a grant's other actions are passed over without a lookup. */
const ESCALATION_SERVICES: ReadonlySet<string> = new Set(
  [...ESCALATION_ACTIONS.keys()].map((a) => a.slice(0, a.indexOf(':'))),
)

/** Whether a catalog action (its service as the catalog spells it) allows privilege escalation. */
export function escalates(action: { readonly service: string; readonly name: string }): boolean {
  return ESCALATION_SERVICES.has(action.service) && ESCALATION_ACTIONS.has(action.name.toLowerCase())
}

/** A path of several permissions; see ESCALATION_COMBINATIONS. */
export interface EscalationCombination {
  readonly actions: readonly string[]
  /**
   * For a path through iam:PassRole (its first action), the service the role is passed to (the services,
   * where the sources differ on which one IAM is asked for): a PassRole pinned (iam:PassedToService) to
   * others is no path.
   */
  readonly passedTo?: string | readonly string[]
  readonly reason: string
}

/**
 * Escalation paths that take several permissions, each harmless alone: mostly iam:PassRole on a role
 * together with the permission to make a service act as it; a few make an existing resource act as its
 * role (a launch template's new default version, a stack's change set). Flagged when the principal is
 * granted all of them, on any resource (a named role may be an administrator's), on the statement that
 * grants the first.
 *
 * Sources: Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation", methods 3, 15,
 * 16, 18, 20 and 21 (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/);
 * Datadog, pathfinding.cloud (https://pathfinding.cloud/paths/): apprunner-001, bedrock-001/002,
 * cloudformation-003/004/005, codebuild-001/004, ec2-003/004, ecs-003/004/005, glue-003 to -007 (glue-007
 * as DataDog/pathfinding-labs builds it, after the snapshot),
 * lambda-006, sagemaker-001/002/003/005, and of its data/paths/aws/ of 2026 batch-001, bedrock-003,
 * bedrock-006/007, codedeploy-001, emr-001, emrserverless-001, gamelift-001, imagebuilder-001,
 * kinesisanalytics-001, omics-001 and ssm-003 (bedrock-005 and ecs-007 ask for more than bedrock-004's
 * single permission and the StartTask path above, so those flag them already), and the
 * DataDog/pathfinding-labs scenarios of amplify-001, braket-001 and cognito-identity-001 (the permissions
 * their names list); Prowler (Apache-2.0, privilege_escalation.py): a task run or
 * started with a task role of its choosing (ECS's RunTask and StartTask take overrides.taskRoleArn, so
 * no new task definition is needed), and the Auto Scaling launch configuration paths. Each names the
 * service the role is passed to as its documentation does (App Runner's instance role:
 * tasks.apprunner.amazonaws.com).
 */
export const ESCALATION_COMBINATIONS: readonly EscalationCombination[] = [
  {
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    passedTo: 'ec2.amazonaws.com',
    reason: 'starts an instance with the passed role and reads its credentials',
  },
  {
    actions: ['iam:PassRole', 'ec2:RequestSpotInstances'],
    passedTo: 'ec2.amazonaws.com',
    reason: 'requests a Spot Instance with the passed role and reads its credentials',
  },
  {
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    passedTo: 'lambda.amazonaws.com',
    reason: 'creates a function that runs as the passed role, and invokes it',
  },
  {
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    passedTo: 'lambda.amazonaws.com',
    reason: 'creates a function that runs as the passed role, and has an event source invoke it',
  },
  {
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:AddPermission'],
    passedTo: 'lambda.amazonaws.com',
    reason: 'creates a function that runs as the passed role, and lets anyone it chooses invoke it',
  },
  {
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
    passedTo: 'glue.amazonaws.com',
    reason: 'creates a Glue development endpoint with the passed role and logs in to it',
  },
  {
    actions: ['iam:PassRole', 'glue:CreateJob', 'glue:StartJobRun'],
    passedTo: 'glue.amazonaws.com',
    reason: 'creates a Glue job that runs its script as the passed role, and runs it',
  },
  {
    actions: ['iam:PassRole', 'glue:CreateJob', 'glue:CreateTrigger'],
    passedTo: 'glue.amazonaws.com',
    reason: 'creates a Glue job that runs its script as the passed role, and a trigger that runs it',
  },
  {
    actions: ['iam:PassRole', 'glue:CreateSession', 'glue:RunStatement'],
    passedTo: 'glue.amazonaws.com',
    reason: 'creates a Glue interactive session with the passed role and runs code in it',
  },
  {
    actions: ['iam:PassRole', 'glue:UpdateJob', 'glue:StartJobRun'],
    passedTo: 'glue.amazonaws.com',
    reason: 'makes a Glue job run its script as the passed role, and runs it',
  },
  {
    actions: ['iam:PassRole', 'glue:UpdateJob', 'glue:CreateTrigger'],
    passedTo: 'glue.amazonaws.com',
    reason: 'makes a Glue job run its script as the passed role, and a trigger that runs it',
  },
  {
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    passedTo: 'cloudformation.amazonaws.com',
    reason: 'creates a stack whose service role (the passed role) creates what the template says',
  },
  {
    actions: ['iam:PassRole', 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
    passedTo: 'cloudformation.amazonaws.com',
    reason:
      'creates a stack set administered by the passed role, and stacks of it that create what its template says',
  },
  {
    actions: ['iam:PassRole', 'cloudformation:UpdateStackSet'],
    passedTo: 'cloudformation.amazonaws.com',
    reason:
      'changes a stack set so that the passed role administers it and its stacks create what its template says',
  },
  {
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
    passedTo: 'datapipeline.amazonaws.com',
    reason: 'creates a pipeline that runs commands as the passed role',
  },
  {
    actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'],
    passedTo: 'codebuild.amazonaws.com',
    reason: 'creates a build project whose service role is the passed role, and runs a build',
  },
  {
    actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuildBatch'],
    passedTo: 'codebuild.amazonaws.com',
    reason: 'creates a build project whose service role is the passed role, and runs a batch build',
  },
  {
    actions: ['iam:PassRole', 'ecs:RunTask'],
    passedTo: 'ecs-tasks.amazonaws.com',
    reason:
      'runs a task with the passed role as its task role (overrides.taskRoleArn) and a command of its own',
  },
  {
    actions: ['iam:PassRole', 'ecs:StartTask'],
    passedTo: 'ecs-tasks.amazonaws.com',
    reason:
      'starts a task with the passed role as its task role (overrides.taskRoleArn) and a command of its own',
  },
  {
    actions: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    passedTo: 'ecs-tasks.amazonaws.com',
    reason: 'registers a task definition whose task role is the passed role, and a service that runs it',
  },
  {
    actions: ['iam:PassRole', 'autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
    passedTo: 'ec2.amazonaws.com',
    reason: 'creates a launch configuration with the passed role and a group that launches instances of it',
  },
  {
    actions: ['iam:PassRole', 'autoscaling:CreateLaunchConfiguration', 'autoscaling:UpdateAutoScalingGroup'],
    passedTo: 'ec2.amazonaws.com',
    reason: 'creates a launch configuration with the passed role and makes a group launch instances of it',
  },
  {
    actions: ['iam:PassRole', 'sagemaker:CreateNotebookInstance'],
    passedTo: 'sagemaker.amazonaws.com',
    reason: 'creates a notebook instance with the passed role and runs code in it',
  },
  {
    actions: ['iam:PassRole', 'sagemaker:CreateTrainingJob'],
    passedTo: 'sagemaker.amazonaws.com',
    reason: 'creates a training job whose container runs as the passed role',
  },
  {
    actions: ['iam:PassRole', 'sagemaker:CreateProcessingJob'],
    passedTo: 'sagemaker.amazonaws.com',
    reason: 'creates a processing job whose container runs as the passed role',
  },
  {
    actions: ['iam:PassRole', 'apprunner:CreateService'],
    passedTo: 'tasks.apprunner.amazonaws.com',
    reason: 'creates an App Runner service whose instance role is the passed role, running what it chooses',
  },
  {
    actions: [
      'iam:PassRole',
      'bedrock-agentcore:CreateCodeInterpreter',
      'bedrock-agentcore:StartCodeInterpreterSession',
      'bedrock-agentcore:InvokeCodeInterpreter',
    ],
    passedTo: 'bedrock-agentcore.amazonaws.com',
    reason:
      'creates a Bedrock AgentCore code interpreter with the passed role as its execution role, and runs code in it',
  },
  {
    // What CreateAgentRuntime makes with it (its default endpoint, its workload identity) is asked for too.
    actions: [
      'iam:PassRole',
      'bedrock-agentcore:CreateAgentRuntime',
      'bedrock-agentcore:CreateAgentRuntimeEndpoint',
      'bedrock-agentcore:CreateWorkloadIdentity',
      'bedrock-agentcore:InvokeAgentRuntimeCommand',
    ],
    passedTo: 'bedrock-agentcore.amazonaws.com',
    reason:
      'creates a Bedrock AgentCore runtime with the passed role as its execution role, and runs commands as root in it',
  },
  {
    actions: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    reason: 'runs code in an existing Bedrock AgentCore code interpreter, as its execution role',
  },
  {
    actions: [
      'iam:PassRole',
      'bedrock-agentcore:CreateBrowser',
      'bedrock-agentcore:StartBrowserSession',
      'bedrock-agentcore:ConnectBrowserAutomationStream',
    ],
    passedTo: 'bedrock-agentcore.amazonaws.com',
    reason:
      "creates a Bedrock AgentCore browser with the passed role as its execution role, and drives it to read the role's credentials",
  },
  {
    actions: ['bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:ConnectBrowserAutomationStream'],
    reason:
      "drives an existing Bedrock AgentCore browser to read its execution role's credentials from inside it",
  },
  {
    actions: ['iam:PassRole', 'ssm:CreateDocument', 'ssm:StartAutomationExecution'],
    passedTo: 'ssm.amazonaws.com',
    reason:
      'creates an Automation runbook with a script of its own, and runs it with the passed role as its AutomationAssumeRole',
  },
  {
    actions: ['iam:PassRole', 'batch:RegisterJobDefinition', 'batch:SubmitJob'],
    // pathfinding.cloud pins it to Batch; the job role itself is one ECS tasks assume.
    passedTo: ['batch.amazonaws.com', 'ecs-tasks.amazonaws.com'],
    reason: 'registers a Batch job definition whose job role is the passed role, and submits a job of it',
  },
  {
    actions: ['iam:PassRole', 'elasticmapreduce:RunJobFlow'],
    // The role the steps run as is the instances' (their instance profile's), passed to EC2, as AWS's
    // AmazonEMRFullAccessPolicy_v2 pins it; the cluster's service role, passed to EMR, runs no step.
    passedTo: 'ec2.amazonaws.com',
    reason:
      "creates an EMR cluster whose instances' role is the passed role, with a step of its own that runs as it",
  },
  {
    actions: [
      'iam:PassRole',
      'imagebuilder:CreateInfrastructureConfiguration',
      'imagebuilder:CreateComponent',
      'imagebuilder:CreateImageRecipe',
      'imagebuilder:CreateImage',
    ],
    // The build instance's instance profile: its role is passed to EC2.
    passedTo: 'ec2.amazonaws.com',
    reason:
      'builds an image on an instance whose role is the passed role, with a component of its own that runs commands there',
  },
  {
    actions: ['iam:PassRole', 'emr-serverless:CreateApplication', 'emr-serverless:StartJobRun'],
    passedTo: 'emr-serverless.amazonaws.com',
    reason:
      'creates an EMR Serverless application and runs a job of its own in it with the passed role as its execution role',
  },
  {
    // Managed Service for Apache Flink: its v2 API's permissions are kinesisanalytics' too.
    actions: ['iam:PassRole', 'kinesisanalytics:CreateApplication', 'kinesisanalytics:StartApplication'],
    passedTo: 'kinesisanalytics.amazonaws.com',
    reason:
      'creates a Managed Apache Flink application whose code of its own runs as the passed role, and starts it',
  },
  {
    actions: ['iam:PassRole', 'amplify:CreateApp', 'amplify:CreateBranch', 'amplify:StartJob'],
    passedTo: 'amplify.amazonaws.com',
    reason: 'creates an Amplify app whose service role is the passed role, and runs a build of its own in it',
  },
  {
    actions: ['iam:PassRole', 'braket:CreateJob'],
    passedTo: 'braket.amazonaws.com',
    reason: 'creates an Amazon Braket hybrid job whose container runs code of its own as the passed role',
  },
  {
    actions: [
      'iam:PassRole',
      'gamelift:CreateBuild',
      'gamelift:RequestUploadCredentials',
      'gamelift:CreateFleet',
    ],
    passedTo: 'gamelift.amazonaws.com',
    reason:
      'uploads a game server build of its own and runs it on a new GameLift fleet whose instance role is the passed role',
  },
  {
    // Its source lists s3:GetObject too, to fetch the credentials the workflow writes to a bucket; the
    // bucket may be one of another account, so that is not asked for here.
    actions: ['iam:PassRole', 'omics:CreateWorkflow', 'omics:StartRun'],
    passedTo: 'omics.amazonaws.com',
    reason:
      'creates a HealthOmics workflow of its own and runs it with the passed role as its execution role',
  },
  {
    actions: ['iam:PassRole', 'cognito-identity:SetIdentityPoolRoles'],
    passedTo: 'cognito-identity.amazonaws.com',
    reason: "makes the passed role an identity pool's role, whose credentials the pool then hands out",
  },
  {
    actions: [
      'codedeploy:CreateDeployment',
      'codedeploy:RegisterApplicationRevision',
      'codedeploy:GetDeploymentConfig',
    ],
    reason:
      'deploys a revision of its own to an existing deployment group, whose lifecycle hooks run on its instances as their instance profile role',
  },
  {
    actions: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
    reason:
      "makes a launch template's default version one with user data of its own, which runs as the instance profile role of the instances launched from it",
  },
  {
    actions: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
    reason: 'changes an existing stack, whose (more privileged) service role makes what the change set says',
  },
  {
    actions: [
      'sagemaker:CreateNotebookInstanceLifecycleConfig',
      'sagemaker:UpdateNotebookInstance',
      'sagemaker:StopNotebookInstance',
      'sagemaker:StartNotebookInstance',
    ],
    reason:
      "gives an existing notebook instance a lifecycle script of its own, which runs as the notebook's execution role",
  },
]

/** Every action some escalation combination takes, in lower case. */
export const COMBINATION_PARTS: readonly string[] = [
  ...new Set(ESCALATION_COMBINATIONS.flatMap((c) => c.actions.map((a) => a.toLowerCase()))),
]

/** The services of COMBINATION_PARTS, as the catalog spells them. */
const COMBINATION_SERVICES: ReadonlySet<string> = new Set(
  COMBINATION_PARTS.map((a) => a.slice(0, a.indexOf(':'))),
)

const COMBINATION_PART_SET: ReadonlySet<string> = new Set(COMBINATION_PARTS)

/** Whether a catalog action (its service as the catalog spells it) is a permission of an escalation combination. */
export function combines(action: { readonly service: string; readonly name: string }): boolean {
  return COMBINATION_SERVICES.has(action.service) && COMBINATION_PART_SET.has(action.name.toLowerCase())
}

/**
 * Condition keys that pin an escalation action to fixed values (compared as readPinnedKeys in
 * analysis/static-checks.ts reads them): the action is then limited to what they name, a lesser risk. Source: AWS IAM User Guide,
 * "Granting a user permissions to pass a role to an AWS service" (iam:PassedToService,
 * iam:AssociatedResourceArn) and "IAM condition keys" (iam:PolicyARN).
 */
const PINNING_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['iam:passedtoservice', ['iam:passrole']],
  ['iam:associatedresourcearn', ['iam:passrole']],
  ['iam:policyarn', ['iam:attachuserpolicy', 'iam:attachgrouppolicy', 'iam:attachrolepolicy']],
  // Only on roles and users whose permissions boundary is the one named (or, putting one, only that
  // one): what the principal gives them stays within it, as the IAM User Guide's delegation of role
  // management has it. Not deleting a boundary, which lifts the cap the condition names.
  [
    'iam:permissionsboundary',
    [
      'iam:putrolepolicy',
      'iam:attachrolepolicy',
      'iam:putuserpolicy',
      'iam:attachuserpolicy',
      'iam:putrolepermissionsboundary',
      'iam:putuserpermissionsboundary',
      'iam:updateassumerolepolicy',
    ],
  ],
])

/**
 * The escalation actions (lower case) a condition key (lower case) pins when compared with fixed
 * values: PINNING_KEYS; the tags of the resource acted on, which limit an action to the resources so
 * tagged — `aws:ResourceTag/…` every escalation action's, a service's own (`iam:ResourceTag/…`,
 * `ec2:ResourceTag/…`, `ssm:resourceTag/…`) that service's (IAM's for sts:AssumeRole too: a role's
 * tags), as AWS CDK Pipelines limits sts:AssumeRole to its bootstrap roles (Service Authorization
 * Reference: each resource type's condition keys); and `aws:CalledVia…`, which limits an action to
 * requests a named service makes for the principal (AWS's managed policies, through CloudFormation).
 */
export function actionsPinnedBy(key: string): readonly string[] {
  const pinned = PINNING_KEYS.get(key)
  if (pinned) return pinned
  if (CALLED_VIA.test(key)) return ALL_ESCALATING
  const tagged = taggingService(key)
  if (tagged === undefined) return NOT_PINNED
  if (tagged === 'aws') return ALL_ESCALATING
  let actions = BY_TAG_SERVICE.get(tagged)
  if (!actions) {
    actions = ALL_ESCALATING.filter(
      (a) => a.startsWith(`${tagged}:`) || (tagged === 'iam' && a === 'sts:assumerole'),
    )
    BY_TAG_SERVICE.set(tagged, actions)
  }
  return actions
}
const BY_TAG_SERVICE = new Map<string, readonly string[]>()

/** For a key (lower case) naming a tag of the resource acted on, its service (`aws`, `iam`, `ec2`, …). */
export function taggingService(key: string): string | undefined {
  return RESOURCE_TAG.exec(key)?.[1]
}
const RESOURCE_TAG = /^([a-z0-9-]+):resourcetag\/./
const CALLED_VIA = /^aws:calledvia(?:first|last)?$/
const ALL_ESCALATING: readonly string[] = [...ESCALATION_ACTIONS.keys()]

/**
 * Whether every request of the actions a key pins carries the key, so that `…IfExists` compares it as
 * the operator without the suffix does: a role is always passed to some service (iam:PassedToService)
 * and a policy is always attached by its ARN (iam:PolicyARN), as AWS's own managed policies rely on
 * (`StringEqualsIfExists` / `StringLikeIfExists` on iam:PassedToService in over 20 of them). A role's
 * tags and iam:AssociatedResourceArn may be absent: there `…IfExists` is true without them.
 */
export function alwaysPresent(key: string): boolean {
  return key === 'iam:passedtoservice' || key === 'iam:policyarn'
}
const NOT_PINNED: readonly string[] = []
