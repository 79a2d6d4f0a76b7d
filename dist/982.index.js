export const id = 982;
export const ids = [982];
export const modules = {

/***/ 3063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ readCloudAssembly)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1066);
/* harmony import */ var _config_read_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4610);
/* harmony import */ var _policy_json_tree_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9907);
/* harmony import */ var _vocabulary_accounts_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7146);
/* harmony import */ var _nodes_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2022);
// An AWS CDK cloud assembly (`cdk.out`): its manifest.json lists the stacks (`aws:cloudformation:stack`
// artifacts: template file, environment `aws://account/region`, stack name) and the nested assemblies
// of stages (`cdk:cloud-assembly`, a directory with a manifest of its own). Every path it names must stay
// inside the assembly: a pull request can bring a hostile one.







/** The deepest nesting of stages read: a CDK app rarely nests more than two. */
const MAX_NESTING = 8;
/** Largest manifest read: a large app's, with its construct metadata, runs to a few MiB. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** The stacks of the assembly in `dir` (relative to the workspace), nested stages included. */
function readCloudAssembly(workspaceRoot, dir, 
/** Where the config names the assembly: a directory that is none is said there, not at a file it lacks. */
namedAt) {
    const stacks = [];
    const problems = [];
    const root = node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(workspaceRoot);
    // Each assembly read once, by where it really is: a stage naming its own directory (or a symlink back
    // to it) would be read again at every level, as many times as it names itself to the power of the
    // nesting allowed.
    const read = new Set();
    // A nested assembly's `named` says a problem with it where its parent's manifest names it.
    const visit = (assembly, depth, named) => {
        const manifestFile = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(assembly, 'manifest.json');
        const problem = (message, line = 1, column = 1) => problems.push({ file: manifestFile, line, column, message });
        if (depth > MAX_NESTING) {
            ;
            (named ?? problem)(`stages nested deeper than ${MAX_NESTING} levels; not read`);
            return;
        }
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, manifestFile);
        if (!(0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .entryAt */ ._f)(path)?.isFile()) {
            if (named)
                named(`has no manifest.json, so it is not a CDK cloud assembly (run cdk synth)`);
            else
                problems.push({
                    ...namedAt,
                    message: `cloudformation: cdk-out: ${JSON.stringify(assembly)} has no manifest.json, so it is not a CDK cloud assembly${appHint(workspaceRoot, assembly)}`,
                });
            return;
        }
        const text = (0,_config_read_text_js__WEBPACK_IMPORTED_MODULE_3__/* .readTextUpTo */ .S9)(path, MAX_MANIFEST_BYTES);
        if (text === null) {
            problem((0,_config_read_text_js__WEBPACK_IMPORTED_MODULE_3__/* .tooLarge */ .g$)(MAX_MANIFEST_BYTES));
            return;
        }
        const { root: tree, errors: [error], } = (0,_policy_json_tree_js__WEBPACK_IMPORTED_MODULE_4__/* .parseJsonTree */ .U0)(text, 100);
        if (error || !tree) {
            problem(`not valid JSON: ${error?.reason ?? 'empty'}`, error?.line, error?.column);
            return;
        }
        const artifacts = tree.type === 'object' ? (0,_nodes_js__WEBPACK_IMPORTED_MODULE_6__/* .entries */ .jO)(tree).get('artifacts') : undefined;
        if (artifacts?.type !== 'object') {
            problem('not a cloud assembly manifest: it has no "artifacts"', artifacts?.line, artifacts?.column);
            return;
        }
        // Where the assembly really is, once: every path its artifacts name must stay in it.
        const within = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .realPath */ .Ye)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, assembly));
        if (within !== undefined)
            read.add(within);
        // Of an id given twice, the last, as JSON.parse reads it.
        for (const [id, node] of (0,_nodes_js__WEBPACK_IMPORTED_MODULE_6__/* .entries */ .jO)(artifacts)) {
            const artifact = (0,_policy_json_tree_js__WEBPACK_IMPORTED_MODULE_4__/* .toValue */ .BA)(node);
            const props = artifact?.properties ?? {};
            const propsNode = node.type === 'object' ? (0,_nodes_js__WEBPACK_IMPORTED_MODULE_6__/* .entries */ .jO)(node).get('properties') : undefined;
            // Said where the manifest names it: the property's value, else the properties, else the artifact.
            const said = (message, property) => {
                const at = (propsNode?.type === 'object' && (0,_nodes_js__WEBPACK_IMPORTED_MODULE_6__/* .entries */ .jO)(propsNode).get(property)) || propsNode || node;
                problem(message, at.line, at.column);
            };
            const inside = (name, what) => {
                if (typeof name !== 'string' || name === '') {
                    said(`artifacts.${id}.properties: expected a ${what}`, what);
                    return undefined;
                }
                const relative = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(assembly, name));
                const real = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .realPath */ .Ye)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, relative));
                if (real === undefined || within === undefined) {
                    said(`artifacts.${id}: its ${what} ${JSON.stringify(name)} cannot be read`, what);
                    return undefined;
                }
                if (!(0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .isInside */ .FK)(root, real) || !(0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .isInside */ .FK)(within, real)) {
                    said(`artifacts.${id}: ${JSON.stringify(name)} leads out of the assembly; not read`, what);
                    return undefined;
                }
                return relative;
            };
            // A template is a file and a nested assembly a directory: anything else there is not what is named.
            const file = (name, what, directory = false) => {
                if (typeof name !== 'string' || name === '')
                    return inside(name, what);
                // A name that leads out as written is said to, without looking there: whether a file exists
                // outside the workspace is nothing a pull request's log may tell.
                const written = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.relative(assembly, node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(assembly, name));
                if (written === '..' || written.startsWith('../')) {
                    said(`artifacts.${id}: ${JSON.stringify(name)} leads out of the assembly; not read`, what);
                    return undefined;
                }
                const entry = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .entryAt */ ._f)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, assembly, name));
                if (!(directory ? entry?.isDirectory() : entry?.isFile())) {
                    said(`artifacts.${id}: its ${what} ${JSON.stringify(name)} is ${entry ? `not a ${directory ? 'directory' : 'file'}` : 'missing'}`, what);
                    return undefined;
                }
                return inside(name, what);
            };
            if (artifact?.type === 'aws:cloudformation:stack') {
                const template = file(props.templateFile, 'templateFile');
                if (!template)
                    continue;
                const [, account, region] = /^aws:\/\/([^/]*)\/(.*)$/.exec(artifact.environment ?? '') ?? [];
                stacks.push({
                    template,
                    stackName: typeof props.stackName === 'string' ? props.stackName : undefined,
                    account: account && (0,_vocabulary_accounts_js__WEBPACK_IMPORTED_MODULE_5__/* .isAccountId */ .JG)(account) ? account : undefined,
                    region: region && !region.startsWith('unknown') ? region : undefined,
                    displayName: artifact.displayName ?? id,
                    deployedName: typeof props.stackName === 'string' ? props.stackName : id,
                });
            }
            else if (artifact?.type === 'cdk:cloud-assembly') {
                const nested = file(props.directoryName, 'directoryName', true);
                if (!nested)
                    continue;
                const real = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .realPath */ .Ye)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, nested));
                if (real !== undefined && read.has(real)) {
                    said(`artifacts.${id}: its directoryName ${JSON.stringify(props.directoryName)} is an assembly read already (a stage cannot hold itself); not read again`, 'directoryName');
                    continue;
                }
                const name = JSON.stringify(props.directoryName);
                visit(nested, depth + 1, (message) => said(`artifacts.${id}: its directoryName ${name} ${message}`, 'directoryName'));
            }
        }
    };
    visit(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(dir), 0);
    return { stacks, problems };
}
/**
 * What to say when the directory named as an assembly is the CDK app itself (it has cdk.json): the
 * directory `cdk synth` writes the assembly to, as cdk.json's "output" names it (cdk.out by default).
 */
function appHint(workspaceRoot, dir) {
    const cdkJson = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, 'cdk.json');
    const text = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .entryAt */ ._f)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, cdkJson))?.isFile()
        ? (0,_config_read_text_js__WEBPACK_IMPORTED_MODULE_3__/* .readTextUpTo */ .S9)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, cdkJson), 1024 * 1024)
        : null;
    if (text === null)
        return ' (run cdk synth)';
    let output = 'cdk.out';
    try {
        const json = JSON.parse(text);
        const named = typeof json === 'object' && json !== null ? json.output : undefined;
        if (typeof named === 'string' && named.trim() !== '' && named.length <= 200)
            output = named;
    }
    catch {
        // cdk.json that does not parse: its default output is still the likeliest.
    }
    const assembly = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, output));
    return `: it is a CDK app (it has cdk.json), whose cloud assembly cdk synth writes to ${JSON.stringify(assembly)}; expected cdk-out: ${assembly} (after cdk synth)`;
}


/***/ }),

/***/ 4982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cloudFormationSource: () => (/* binding */ cloudFormationSource)
});

// UNUSED EXPORTS: templatesAt

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/catalog/managed-policies.ts + 1 modules
var managed_policies = __webpack_require__(1756);
// EXTERNAL MODULE: ./src/config/config-file.ts + 1 modules
var config_file = __webpack_require__(4057);
// EXTERNAL MODULE: ./src/config/paths.ts
var paths = __webpack_require__(1066);
// EXTERNAL MODULE: ./src/config/read-text.ts
var read_text = __webpack_require__(4610);
// EXTERNAL MODULE: ./src/vocabulary/lists.ts
var lists = __webpack_require__(9877);
// EXTERNAL MODULE: ./src/vocabulary/problems.ts
var vocabulary_problems = __webpack_require__(5486);
// EXTERNAL MODULE: ./src/sources/policy-globs.ts + 2 modules
var policy_globs = __webpack_require__(5007);
// EXTERNAL MODULE: ./src/sources/cloudformation/cloud-assembly.ts
var cloud_assembly = __webpack_require__(3063);
;// CONCATENATED MODULE: ./src/catalog/sam-policy-templates.generated.ts
// Generated by scripts/build-sam-templates.mjs from data/sam/policy_templates.json (AWS SAM, Apache-2.0). Do not edit.
const SAM_POLICY_TEMPLATES_SOURCE = "aws/serverless-application-model@7000d0a";
const SAM_POLICY_TEMPLATES = { "AMIDescribePolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["ec2:DescribeImages"], "Effect": "Allow", "Resource": "*" }] } }, "AWSSecretsManagerGetSecretValuePolicy": { "parameters": ["SecretArn"], "definition": { "Statement": [{ "Action": ["secretsmanager:GetSecretValue"], "Effect": "Allow", "Resource": { "Fn::Sub": ["${secretArn}", { "secretArn": { "Ref": "SecretArn" } }] } }] } }, "AWSSecretsManagerRotationPolicy": { "parameters": ["FunctionName"], "definition": { "Statement": [{ "Action": ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"], "Condition": { "StringEquals": { "secretsmanager:resource/AllowRotationLambdaArn": { "Fn::Sub": ["arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}", { "functionName": { "Ref": "FunctionName" } }] } } }, "Effect": "Allow", "Resource": { "Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:*" } }, { "Action": ["secretsmanager:GetRandomPassword"], "Effect": "Allow", "Resource": "*" }] } }, "AcmGetCertificatePolicy": { "parameters": ["CertificateArn"], "definition": { "Statement": [{ "Action": ["acm:GetCertificate"], "Effect": "Allow", "Resource": { "Fn::Sub": ["${certificateArn}", { "certificateArn": { "Ref": "CertificateArn" } }] } }] } }, "AthenaQueryPolicy": { "parameters": ["WorkGroupName"], "definition": { "Statement": [{ "Action": ["athena:ListWorkGroups", "athena:GetExecutionEngine", "athena:GetExecutionEngines", "athena:GetNamespace", "athena:GetCatalogs", "athena:GetNamespaces", "athena:GetTables", "athena:GetTable"], "Effect": "Allow", "Resource": "*" }, { "Action": ["athena:StartQueryExecution", "athena:GetQueryResults", "athena:DeleteNamedQuery", "athena:GetNamedQuery", "athena:ListQueryExecutions", "athena:StopQueryExecution", "athena:GetQueryResultsStream", "athena:ListNamedQueries", "athena:CreateNamedQuery", "athena:GetQueryExecution", "athena:BatchGetNamedQuery", "athena:BatchGetQueryExecution", "athena:GetWorkGroup"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/${workgroupName}", { "workgroupName": { "Ref": "WorkGroupName" } }] } }] } }, "CloudFormationDescribeStacksPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["cloudformation:DescribeStacks"], "Effect": "Allow", "Resource": { "Fn::Sub": "arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*" } }] } }, "CloudWatchDashboardPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["cloudwatch:GetDashboard", "cloudwatch:ListDashboards", "cloudwatch:PutDashboard", "cloudwatch:ListMetrics"], "Effect": "Allow", "Resource": "*" }] } }, "CloudWatchDescribeAlarmHistoryPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["cloudwatch:DescribeAlarmHistory"], "Effect": "Allow", "Resource": "*" }] } }, "CloudWatchPutMetricPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["cloudwatch:PutMetricData"], "Effect": "Allow", "Resource": "*" }] } }, "CodeCommitCrudPolicy": { "parameters": ["RepositoryName"], "definition": { "Statement": [{ "Action": ["codecommit:GitPull", "codecommit:GitPush", "codecommit:CreateBranch", "codecommit:DeleteBranch", "codecommit:GetBranch", "codecommit:ListBranches", "codecommit:MergeBranchesByFastForward", "codecommit:MergeBranchesBySquash", "codecommit:MergeBranchesByThreeWay", "codecommit:UpdateDefaultBranch", "codecommit:BatchDescribeMergeConflicts", "codecommit:CreateUnreferencedMergeCommit", "codecommit:DescribeMergeConflicts", "codecommit:GetMergeCommit", "codecommit:GetMergeOptions", "codecommit:BatchGetPullRequests", "codecommit:CreatePullRequest", "codecommit:DescribePullRequestEvents", "codecommit:GetCommentsForPullRequest", "codecommit:GetCommitsFromMergeBase", "codecommit:GetMergeConflicts", "codecommit:GetPullRequest", "codecommit:ListPullRequests", "codecommit:MergePullRequestByFastForward", "codecommit:MergePullRequestBySquash", "codecommit:MergePullRequestByThreeWay", "codecommit:PostCommentForPullRequest", "codecommit:UpdatePullRequestDescription", "codecommit:UpdatePullRequestStatus", "codecommit:UpdatePullRequestTitle", "codecommit:DeleteFile", "codecommit:GetBlob", "codecommit:GetFile", "codecommit:GetFolder", "codecommit:PutFile", "codecommit:DeleteCommentContent", "codecommit:GetComment", "codecommit:GetCommentsForComparedCommit", "codecommit:PostCommentForComparedCommit", "codecommit:PostCommentReply", "codecommit:UpdateComment", "codecommit:BatchGetCommits", "codecommit:CreateCommit", "codecommit:GetCommit", "codecommit:GetCommitHistory", "codecommit:GetDifferences", "codecommit:GetObjectIdentifier", "codecommit:GetReferences", "codecommit:GetTree", "codecommit:GetRepository", "codecommit:UpdateRepositoryDescription", "codecommit:ListTagsForResource", "codecommit:TagResource", "codecommit:UntagResource", "codecommit:GetRepositoryTriggers", "codecommit:PutRepositoryTriggers", "codecommit:TestRepositoryTriggers", "codecommit:GetBranch", "codecommit:GetCommit", "codecommit:UploadArchive", "codecommit:GetUploadArchiveStatus", "codecommit:CancelUploadArchive"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${repositoryName}", { "repositoryName": { "Ref": "RepositoryName" } }] } }] } }, "CodeCommitReadPolicy": { "parameters": ["RepositoryName"], "definition": { "Statement": [{ "Action": ["codecommit:GitPull", "codecommit:GetBranch", "codecommit:ListBranches", "codecommit:BatchDescribeMergeConflicts", "codecommit:DescribeMergeConflicts", "codecommit:GetMergeCommit", "codecommit:GetMergeOptions", "codecommit:BatchGetPullRequests", "codecommit:DescribePullRequestEvents", "codecommit:GetCommentsForPullRequest", "codecommit:GetCommitsFromMergeBase", "codecommit:GetMergeConflicts", "codecommit:GetPullRequest", "codecommit:ListPullRequests", "codecommit:GetBlob", "codecommit:GetFile", "codecommit:GetFolder", "codecommit:GetComment", "codecommit:GetCommentsForComparedCommit", "codecommit:BatchGetCommits", "codecommit:GetCommit", "codecommit:GetCommitHistory", "codecommit:GetDifferences", "codecommit:GetObjectIdentifier", "codecommit:GetReferences", "codecommit:GetTree", "codecommit:GetRepository", "codecommit:ListTagsForResource", "codecommit:GetRepositoryTriggers", "codecommit:TestRepositoryTriggers", "codecommit:GetBranch", "codecommit:GetCommit", "codecommit:GetUploadArchiveStatus"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${repositoryName}", { "repositoryName": { "Ref": "RepositoryName" } }] } }] } }, "CodePipelineLambdaExecutionPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["codepipeline:PutJobSuccessResult", "codepipeline:PutJobFailureResult"], "Effect": "Allow", "Resource": "*" }] } }, "CodePipelineReadOnlyPolicy": { "parameters": ["PipelineName"], "definition": { "Statement": [{ "Action": ["codepipeline:ListPipelineExecutions"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${pipelinename}", { "pipelinename": { "Ref": "PipelineName" } }] } }] } }, "ComprehendBasicAccessPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["comprehend:BatchDetectKeyPhrases", "comprehend:DetectDominantLanguage", "comprehend:DetectEntities", "comprehend:BatchDetectEntities", "comprehend:DetectKeyPhrases", "comprehend:DetectSentiment", "comprehend:BatchDetectDominantLanguage", "comprehend:BatchDetectSentiment"], "Effect": "Allow", "Resource": "*" }] } }, "CostExplorerReadOnlyPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["ce:GetCostAndUsage", "ce:GetDimensionValues", "ce:GetReservationCoverage", "ce:GetReservationPurchaseRecommendation", "ce:GetReservationUtilization", "ce:GetTags"], "Effect": "Allow", "Resource": "*" }] } }, "DynamoDBBackupFullAccessPolicy": { "parameters": ["TableName"], "definition": { "Statement": [{ "Action": ["dynamodb:CreateBackup", "dynamodb:DescribeContinuousBackups"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}", { "tableName": { "Ref": "TableName" } }] } }, { "Action": ["dynamodb:DeleteBackup", "dynamodb:DescribeBackup", "dynamodb:ListBackups"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/backup/*", { "tableName": { "Ref": "TableName" } }] } }] } }, "DynamoDBCrudPolicy": { "parameters": ["TableName"], "definition": { "Statement": [{ "Action": ["dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}", { "tableName": { "Ref": "TableName" } }] }, { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*", { "tableName": { "Ref": "TableName" } }] }] }] } }, "DynamoDBReadPolicy": { "parameters": ["TableName"], "definition": { "Statement": [{ "Action": ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}", { "tableName": { "Ref": "TableName" } }] }, { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*", { "tableName": { "Ref": "TableName" } }] }] }] } }, "DynamoDBReconfigurePolicy": { "parameters": ["TableName"], "definition": { "Statement": [{ "Action": ["dynamodb:UpdateTable"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}", { "tableName": { "Ref": "TableName" } }] } }] } }, "DynamoDBRestoreFromBackupPolicy": { "parameters": ["TableName"], "definition": { "Statement": [{ "Action": ["dynamodb:RestoreTableFromBackup"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/backup/*", { "tableName": { "Ref": "TableName" } }] } }, { "Action": ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchWriteItem"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}", { "tableName": { "Ref": "TableName" } }] } }] } }, "DynamoDBStreamReadPolicy": { "parameters": ["StreamName", "TableName"], "definition": { "Statement": [{ "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/stream/${streamName}", { "streamName": { "Ref": "StreamName" }, "tableName": { "Ref": "TableName" } }] } }, { "Action": ["dynamodb:ListStreams"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/stream/*", { "tableName": { "Ref": "TableName" } }] } }] } }, "DynamoDBWritePolicy": { "parameters": ["TableName"], "definition": { "Statement": [{ "Action": ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}", { "tableName": { "Ref": "TableName" } }] }, { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*", { "tableName": { "Ref": "TableName" } }] }] }] } }, "EC2CopyImagePolicy": { "parameters": ["ImageId"], "definition": { "Statement": [{ "Action": ["ec2:CopyImage"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:image/${imageId}", { "imageId": { "Ref": "ImageId" } }] } }] } }, "EC2DescribePolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["ec2:DescribeRegions", "ec2:DescribeInstances"], "Effect": "Allow", "Resource": "*" }] } }, "EFSWriteAccessPolicy": { "parameters": ["AccessPoint", "FileSystem"], "definition": { "Statement": [{ "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Condition": { "StringEquals": { "elasticfilesystem:AccessPointArn": { "Fn::Sub": ["arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:access-point/${AccessPoint}", { "AccessPoint": { "Ref": "AccessPoint" } }] } } }, "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/${FileSystem}", { "FileSystem": { "Ref": "FileSystem" } }] } }] } }, "EKSDescribePolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["eks:DescribeCluster", "eks:ListClusters"], "Effect": "Allow", "Resource": "*" }] } }, "EcsRunTaskPolicy": { "parameters": ["TaskDefinition"], "definition": { "Statement": [{ "Action": ["ecs:RunTask"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/${taskDefinition}", { "taskDefinition": { "Ref": "TaskDefinition" } }] } }] } }, "ElasticMapReduceAddJobFlowStepsPolicy": { "parameters": ["ClusterId"], "definition": { "Statement": [{ "Action": "elasticmapreduce:AddJobFlowSteps", "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/${clusterId}", { "clusterId": { "Ref": "ClusterId" } }] } }] } }, "ElasticMapReduceCancelStepsPolicy": { "parameters": ["ClusterId"], "definition": { "Statement": [{ "Action": "elasticmapreduce:CancelSteps", "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/${clusterId}", { "clusterId": { "Ref": "ClusterId" } }] } }] } }, "ElasticMapReduceModifyInstanceFleetPolicy": { "parameters": ["ClusterId"], "definition": { "Statement": [{ "Action": ["elasticmapreduce:ModifyInstanceFleet", "elasticmapreduce:ListInstanceFleets"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/${clusterId}", { "clusterId": { "Ref": "ClusterId" } }] } }] } }, "ElasticMapReduceModifyInstanceGroupsPolicy": { "parameters": ["ClusterId"], "definition": { "Statement": [{ "Action": ["elasticmapreduce:ModifyInstanceGroups", "elasticmapreduce:ListInstanceGroups"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/${clusterId}", { "clusterId": { "Ref": "ClusterId" } }] } }] } }, "ElasticMapReduceSetTerminationProtectionPolicy": { "parameters": ["ClusterId"], "definition": { "Statement": [{ "Action": "elasticmapreduce:SetTerminationProtection", "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/${clusterId}", { "clusterId": { "Ref": "ClusterId" } }] } }] } }, "ElasticMapReduceTerminateJobFlowsPolicy": { "parameters": ["ClusterId"], "definition": { "Statement": [{ "Action": "elasticmapreduce:TerminateJobFlows", "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/${clusterId}", { "clusterId": { "Ref": "ClusterId" } }] } }] } }, "ElasticsearchHttpPostPolicy": { "parameters": ["DomainName"], "definition": { "Statement": [{ "Action": ["es:ESHttpPost", "es:ESHttpPut"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/${domainName}/*", { "domainName": { "Ref": "DomainName" } }] } }] } }, "EventBridgePutEventsPolicy": { "parameters": ["EventBusName"], "definition": { "Statement": [{ "Action": "events:PutEvents", "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${eventBusName}", { "eventBusName": { "Ref": "EventBusName" } }] } }] } }, "FilterLogEventsPolicy": { "parameters": ["LogGroupName"], "definition": { "Statement": [{ "Action": ["logs:FilterLogEvents"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${logGroupName}:log-stream:*", { "logGroupName": { "Ref": "LogGroupName" } }] } }] } }, "FirehoseCrudPolicy": { "parameters": ["DeliveryStreamName"], "definition": { "Statement": [{ "Action": ["firehose:CreateDeliveryStream", "firehose:DeleteDeliveryStream", "firehose:DescribeDeliveryStream", "firehose:PutRecord", "firehose:PutRecordBatch", "firehose:UpdateDestination"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/${deliveryStreamName}", { "deliveryStreamName": { "Ref": "DeliveryStreamName" } }] } }] } }, "FirehoseWritePolicy": { "parameters": ["DeliveryStreamName"], "definition": { "Statement": [{ "Action": ["firehose:PutRecord", "firehose:PutRecordBatch"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/${deliveryStreamName}", { "deliveryStreamName": { "Ref": "DeliveryStreamName" } }] } }] } }, "KMSDecryptPolicy": { "parameters": ["KeyId"], "definition": { "Statement": [{ "Action": "kms:Decrypt", "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${keyId}", { "keyId": { "Ref": "KeyId" } }] } }] } }, "KMSEncryptPolicy": { "parameters": ["KeyId"], "definition": { "Statement": [{ "Action": "kms:Encrypt", "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${keyId}", { "keyId": { "Ref": "KeyId" } }] } }] } }, "KMSEncryptPolicy_v2": { "parameters": ["KeyId"], "definition": { "Statement": [{ "Action": ["kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${keyId}", { "keyId": { "Ref": "KeyId" } }] } }] } }, "KinesisCrudPolicy": { "parameters": ["StreamName"], "definition": { "Statement": [{ "Action": ["kinesis:AddTagsToStream", "kinesis:CreateStream", "kinesis:DecreaseStreamRetentionPeriod", "kinesis:DeleteStream", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator", "kinesis:IncreaseStreamRetentionPeriod", "kinesis:ListTagsForStream", "kinesis:MergeShards", "kinesis:PutRecord", "kinesis:PutRecords", "kinesis:SplitShard", "kinesis:RemoveTagsFromStream"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${streamName}", { "streamName": { "Ref": "StreamName" } }] } }] } }, "KinesisStreamReadPolicy": { "parameters": ["StreamName"], "definition": { "Statement": [{ "Action": ["kinesis:ListStreams", "kinesis:DescribeLimits"], "Effect": "Allow", "Resource": { "Fn::Sub": "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/*" } }, { "Action": ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${streamName}", { "streamName": { "Ref": "StreamName" } }] } }] } }, "LambdaInvokePolicy": { "parameters": ["FunctionName"], "definition": { "Statement": [{ "Action": ["lambda:InvokeFunction"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*", { "functionName": { "Ref": "FunctionName" } }] } }] } }, "MobileAnalyticsWriteOnlyAccessPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["mobileanalytics:PutEvents"], "Effect": "Allow", "Resource": "*" }] } }, "OrganizationsListAccountsPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["organizations:ListAccounts"], "Effect": "Allow", "Resource": "*" }] } }, "PinpointEndpointAccessPolicy": { "parameters": ["PinpointApplicationId"], "definition": { "Statement": [{ "Action": ["mobiletargeting:GetEndpoint", "mobiletargeting:UpdateEndpoint", "mobiletargeting:UpdateEndpointsBatch"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${pinpointApplicationId}/endpoints/*", { "pinpointApplicationId": { "Ref": "PinpointApplicationId" } }] } }] } }, "PollyFullAccessPolicy": { "parameters": ["LexiconName"], "definition": { "Statement": [{ "Action": ["polly:GetLexicon", "polly:DeleteLexicon"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:polly:${AWS::Region}:${AWS::AccountId}:lexicon/${lexiconName}", { "lexiconName": { "Ref": "LexiconName" } }] }] }, { "Action": ["polly:DescribeVoices", "polly:ListLexicons", "polly:PutLexicon", "polly:SynthesizeSpeech"], "Effect": "Allow", "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:polly:${AWS::Region}:${AWS::AccountId}:lexicon/*" }] }] } }, "RekognitionDetectOnlyPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["rekognition:DetectFaces", "rekognition:DetectLabels", "rekognition:DetectModerationLabels", "rekognition:DetectText"], "Effect": "Allow", "Resource": "*" }] } }, "RekognitionFacesManagementPolicy": { "parameters": ["CollectionId"], "definition": { "Statement": [{ "Action": ["rekognition:IndexFaces", "rekognition:DeleteFaces", "rekognition:SearchFaces", "rekognition:SearchFacesByImage", "rekognition:ListFaces"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:rekognition:${AWS::Region}:${AWS::AccountId}:collection/${collectionId}", { "collectionId": { "Ref": "CollectionId" } }] } }] } }, "RekognitionFacesPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["rekognition:CompareFaces", "rekognition:DetectFaces"], "Effect": "Allow", "Resource": "*" }] } }, "RekognitionLabelsPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["rekognition:DetectLabels", "rekognition:DetectModerationLabels"], "Effect": "Allow", "Resource": "*" }] } }, "RekognitionNoDataAccessPolicy": { "parameters": ["CollectionId"], "definition": { "Statement": [{ "Action": ["rekognition:CompareFaces", "rekognition:DetectFaces", "rekognition:DetectLabels", "rekognition:DetectModerationLabels"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:rekognition:${AWS::Region}:${AWS::AccountId}:collection/${collectionId}", { "collectionId": { "Ref": "CollectionId" } }] } }] } }, "RekognitionReadPolicy": { "parameters": ["CollectionId"], "definition": { "Statement": [{ "Action": ["rekognition:ListCollections", "rekognition:ListFaces", "rekognition:SearchFaces", "rekognition:SearchFacesByImage"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:rekognition:${AWS::Region}:${AWS::AccountId}:collection/${collectionId}", { "collectionId": { "Ref": "CollectionId" } }] } }] } }, "RekognitionWriteOnlyAccessPolicy": { "parameters": ["CollectionId"], "definition": { "Statement": [{ "Action": ["rekognition:CreateCollection", "rekognition:IndexFaces"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:rekognition:${AWS::Region}:${AWS::AccountId}:collection/${collectionId}", { "collectionId": { "Ref": "CollectionId" } }] } }] } }, "Route53ChangeResourceRecordSetsPolicy": { "parameters": ["HostedZoneId"], "definition": { "Statement": [{ "Action": ["route53:ChangeResourceRecordSets"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:route53:::hostedzone/${HostedZoneId}", { "HostedZoneId": { "Ref": "HostedZoneId" } }] } }] } }, "S3CrudPolicy": { "parameters": ["BucketName"], "definition": { "Statement": [{ "Action": ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration", "s3:DeleteObject"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}", { "bucketName": { "Ref": "BucketName" } }] }, { "Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}/*", { "bucketName": { "Ref": "BucketName" } }] }] }] } }, "S3FullAccessPolicy": { "parameters": ["BucketName"], "definition": { "Statement": [{ "Action": ["s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject", "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging", "s3:GetObjectTagging", "s3:GetObjectVersionTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}/*", { "bucketName": { "Ref": "BucketName" } }] }] }, { "Action": ["s3:ListBucket", "s3:GetBucketLocation", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}", { "bucketName": { "Ref": "BucketName" } }] }] }] } }, "S3ReadPolicy": { "parameters": ["BucketName"], "definition": { "Statement": [{ "Action": ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:GetLifecycleConfiguration"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}", { "bucketName": { "Ref": "BucketName" } }] }, { "Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}/*", { "bucketName": { "Ref": "BucketName" } }] }] }] } }, "S3WritePolicy": { "parameters": ["BucketName"], "definition": { "Statement": [{ "Action": ["s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}", { "bucketName": { "Ref": "BucketName" } }] }, { "Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}/*", { "bucketName": { "Ref": "BucketName" } }] }] }] } }, "SESBulkTemplatedCrudPolicy": { "parameters": ["IdentityName"], "definition": { "Statement": [{ "Action": ["ses:GetIdentityVerificationAttributes", "ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail", "ses:SendBulkTemplatedEmail", "ses:VerifyEmailIdentity"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${identityName}", { "identityName": { "Ref": "IdentityName" } }] } }] } }, "SESBulkTemplatedCrudPolicy_v2": { "parameters": ["IdentityName", "TemplateName"], "definition": { "Statement": [{ "Action": ["ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail", "ses:SendBulkTemplatedEmail"], "Effect": "Allow", "Resource": [{ "Fn::Sub": ["arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${identityName}", { "identityName": { "Ref": "IdentityName" } }] }, { "Fn::Sub": ["arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:template/${templateName}", { "templateName": { "Ref": "TemplateName" } }] }] }, { "Action": ["ses:GetIdentityVerificationAttributes", "ses:VerifyEmailIdentity"], "Effect": "Allow", "Resource": "*" }] } }, "SESCrudPolicy": { "parameters": ["IdentityName"], "definition": { "Statement": [{ "Action": ["ses:GetIdentityVerificationAttributes", "ses:SendEmail", "ses:SendRawEmail", "ses:VerifyEmailIdentity"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${identityName}", { "identityName": { "Ref": "IdentityName" } }] } }] } }, "SESEmailTemplateCrudPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["ses:CreateTemplate", "ses:GetTemplate", "ses:ListTemplates", "ses:UpdateTemplate", "ses:DeleteTemplate", "ses:TestRenderTemplate"], "Effect": "Allow", "Resource": "*" }] } }, "SESSendBouncePolicy": { "parameters": ["IdentityName"], "definition": { "Statement": [{ "Action": ["ses:SendBounce"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${identityName}", { "identityName": { "Ref": "IdentityName" } }] } }] } }, "SNSCrudPolicy": { "parameters": ["TopicName"], "definition": { "Statement": [{ "Action": ["sns:ListSubscriptionsByTopic", "sns:CreateTopic", "sns:SetTopicAttributes", "sns:Subscribe", "sns:Publish"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${topicName}*", { "topicName": { "Ref": "TopicName" } }] } }] } }, "SNSPublishMessagePolicy": { "parameters": ["TopicName"], "definition": { "Statement": [{ "Action": ["sns:Publish"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${topicName}", { "topicName": { "Ref": "TopicName" } }] } }] } }, "SQSPollerPolicy": { "parameters": ["QueueName"], "definition": { "Statement": [{ "Action": ["sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}", { "queueName": { "Ref": "QueueName" } }] } }] } }, "SQSSendMessagePolicy": { "parameters": ["QueueName"], "definition": { "Statement": [{ "Action": ["sqs:SendMessage*"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}", { "queueName": { "Ref": "QueueName" } }] } }] } }, "SSMParameterReadPolicy": { "parameters": ["ParameterName"], "definition": { "Statement": [{ "Action": ["ssm:DescribeParameters"], "Effect": "Allow", "Resource": "*" }, { "Action": ["ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${parameterName}", { "parameterName": { "Ref": "ParameterName" } }] } }] } }, "SSMParameterWithSlashPrefixReadPolicy": { "parameters": ["ParameterName"], "definition": { "Statement": [{ "Action": ["ssm:DescribeParameters"], "Effect": "Allow", "Resource": "*" }, { "Action": ["ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${parameterName}", { "parameterName": { "Ref": "ParameterName" } }] } }] } }, "SageMakerCreateEndpointConfigPolicy": { "parameters": ["EndpointConfigName"], "definition": { "Statement": [{ "Action": ["sagemaker:CreateEndpointConfig"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint-config/${endpointConfigName}", { "endpointConfigName": { "Ref": "EndpointConfigName" } }] } }] } }, "SageMakerCreateEndpointPolicy": { "parameters": ["EndpointName"], "definition": { "Statement": [{ "Action": ["sagemaker:CreateEndpoint"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:endpoint/${endpointName}", { "endpointName": { "Ref": "EndpointName" } }] } }] } }, "ServerlessRepoReadWriteAccessPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["serverlessrepo:CreateApplication", "serverlessrepo:CreateApplicationVersion", "serverlessrepo:UpdateApplication", "serverlessrepo:GetApplication", "serverlessrepo:ListApplications", "serverlessrepo:ListApplicationVersions", "serverlessrepo:ListApplicationDependencies"], "Effect": "Allow", "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:serverlessrepo:${AWS::Region}:${AWS::AccountId}:applications/*" }] }] } }, "StepFunctionsCallbackPolicy": { "parameters": ["StateMachineName"], "definition": { "Statement": [{ "Action": ["states:SendTaskFailure", "states:SendTaskHeartbeat", "states:SendTaskSuccess"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${stateMachineName}", { "stateMachineName": { "Ref": "StateMachineName" } }] } }] } }, "StepFunctionsExecutionPolicy": { "parameters": ["StateMachineName"], "definition": { "Statement": [{ "Action": ["states:StartExecution"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${stateMachineName}", { "stateMachineName": { "Ref": "StateMachineName" } }] } }] } }, "StepFunctionsExecutionPolicy_v2": { "parameters": ["StateMachineName"], "definition": { "Statement": [{ "Action": ["states:StartExecution", "states:StartSyncExecution"], "Effect": "Allow", "Resource": { "Fn::Sub": ["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${stateMachineName}", { "stateMachineName": { "Ref": "StateMachineName" } }] } }] } }, "TextractDetectAnalyzePolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["textract:DetectDocumentText", "textract:StartDocumentTextDetection", "textract:StartDocumentAnalysis", "textract:AnalyzeDocument"], "Effect": "Allow", "Resource": "*" }] } }, "TextractGetResultPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["textract:GetDocumentTextDetection", "textract:GetDocumentAnalysis"], "Effect": "Allow", "Resource": "*" }] } }, "TextractPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["textract:*"], "Effect": "Allow", "Resource": "*" }] } }, "VPCAccessPolicy": { "parameters": [], "definition": { "Statement": [{ "Action": ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DetachNetworkInterface"], "Effect": "Allow", "Resource": "*" }] } } };
/** From data/sam/connector_profiles.json: by source and destination type, what a connector puts in the role's policy. */
const SAM_CONNECTOR_POLICIES = { "AWS::DynamoDB::Table": { "AWS::Lambda::Function": { "sourcePolicy": false, "categories": { "Read": [{ "Effect": "Allow", "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], "Resource": ["%{Source.Arn}/stream/*"] }] } } }, "AWS::Events::Rule": { "AWS::Events::EventBus": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["events:PutEvents"], "Resource": ["%{Destination.Arn}"] }] } }, "AWS::StepFunctions::StateMachine": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["states:StartExecution"], "Resource": ["%{Destination.Arn}"] }] } } }, "AWS::Lambda::Function": { "AWS::Lambda::Function": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["lambda:InvokeAsync", "lambda:InvokeFunction"], "Resource": ["%{Destination.Arn}"] }] } }, "AWS::S3::Bucket": { "sourcePolicy": true, "categories": { "Read": [{ "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectLegalHold", "s3:GetObjectRetention", "s3:GetObjectTorrent", "s3:GetObjectVersion", "s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTorrent", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions", "s3:ListMultipartUploadParts"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/*"] }], "Write": [{ "Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:RestoreObject"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/*"] }] } }, "AWS::DynamoDB::Table": { "sourcePolicy": true, "categories": { "Read": [{ "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PartiQLSelect"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/index/*"] }], "Write": [{ "Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/index/*"] }] } }, "AWS::SQS::Queue": { "sourcePolicy": true, "categories": { "Read": [{ "Effect": "Allow", "Action": ["sqs:ReceiveMessage", "sqs:GetQueueAttributes"], "Resource": ["%{Destination.Arn}"] }], "Write": [{ "Effect": "Allow", "Action": ["sqs:DeleteMessage", "sqs:SendMessage", "sqs:ChangeMessageVisibility", "sqs:PurgeQueue"], "Resource": ["%{Destination.Arn}"] }] } }, "AWS::SNS::Topic": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["sns:Publish"], "Resource": ["%{Destination.Arn}"] }] } }, "AWS::StepFunctions::StateMachine": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["states:StartExecution", "states:StartSyncExecution"], "Resource": ["%{Destination.Arn}"] }, { "Effect": "Allow", "Action": ["states:StopExecution"], "Resource": ["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:%{Destination.Name}:*"] }], "Read": [{ "Effect": "Allow", "Action": ["states:DescribeStateMachine", "states:ListExecutions"], "Resource": ["%{Destination.Arn}"] }, { "Effect": "Allow", "Action": ["states:DescribeExecution", "states:DescribeStateMachineForExecution", "states:GetExecutionHistory"], "Resource": ["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:%{Destination.Name}:*"] }] } }, "AWS::Events::EventBus": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["events:PutEvents"], "Resource": ["%{Destination.Arn}"] }] } }, "AWS::Location::PlaceIndex": { "sourcePolicy": true, "categories": { "Read": [{ "Effect": "Allow", "Action": ["geo:DescribePlaceIndex", "geo:GetPlace", "geo:SearchPlaceIndexForPosition", "geo:SearchPlaceIndexForSuggestions", "geo:SearchPlaceIndexForText"], "Resource": ["%{Destination.Arn}"] }] } } }, "AWS::SQS::Queue": { "AWS::Lambda::Function": { "sourcePolicy": false, "categories": { "Write": [{ "Effect": "Allow", "Action": ["sqs:DeleteMessage"], "Resource": ["%{Source.Arn}"] }], "Read": [{ "Effect": "Allow", "Action": ["sqs:ReceiveMessage", "sqs:GetQueueAttributes"], "Resource": ["%{Source.Arn}"] }] } } }, "AWS::StepFunctions::StateMachine": { "AWS::Lambda::Function": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["lambda:InvokeAsync", "lambda:InvokeFunction"], "Resource": ["%{Destination.Arn}"] }] } }, "AWS::SNS::Topic": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["sns:Publish"], "Resource": ["%{Destination.Arn}"] }] } }, "AWS::SQS::Queue": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": ["%{Destination.Arn}"] }] } }, "AWS::S3::Bucket": { "sourcePolicy": true, "categories": { "Read": [{ "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectLegalHold", "s3:GetObjectRetention", "s3:GetObjectTorrent", "s3:GetObjectVersion", "s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTorrent", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions", "s3:ListMultipartUploadParts"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/*"] }], "Write": [{ "Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:RestoreObject"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/*"] }] } }, "AWS::DynamoDB::Table": { "sourcePolicy": true, "categories": { "Read": [{ "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PartiQLSelect"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/index/*"] }], "Write": [{ "Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/index/*"] }] } }, "AWS::StepFunctions::StateMachine": { "sourcePolicy": true, "categories": { "Read": [{ "Effect": "Allow", "Action": ["states:DescribeExecution"], "Resource": ["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:%{Destination.Name}:*"] }, { "Effect": "Allow", "Action": ["events:DescribeRule"], "Resource": ["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"] }], "Write": [{ "Effect": "Allow", "Action": ["states:StartExecution"], "Resource": ["%{Destination.Arn}"] }, { "Effect": "Allow", "Action": ["states:StopExecution"], "Resource": ["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:%{Destination.Name}:*"] }, { "Effect": "Allow", "Action": ["events:PutTargets", "events:PutRule"], "Resource": ["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"] }] } }, "AWS::Events::EventBus": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["events:PutEvents"], "Resource": ["%{Destination.Arn}"] }] } } }, "AWS::AppSync::DataSource": { "AWS::DynamoDB::Table": { "sourcePolicy": true, "categories": { "Read": [{ "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PartiQLSelect"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/index/*"] }], "Write": [{ "Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}/index/*"] }] } }, "AWS::Lambda::Function": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["lambda:InvokeAsync", "lambda:InvokeFunction"], "Resource": ["%{Destination.Arn}", "%{Destination.Arn}:*"] }] } }, "AWS::Events::EventBus": { "sourcePolicy": true, "categories": { "Write": [{ "Effect": "Allow", "Action": ["events:PutEvents"], "Resource": ["%{Destination.Arn}"] }] } } } };
/** Every pair a connector may join, with its access categories: the others are errors of the template. */
const SAM_CONNECTOR_PAIRS = { "AWS::DynamoDB::Table": { "AWS::Lambda::Function": ["Read"] }, "AWS::Events::Rule": { "AWS::SNS::Topic": ["Write"], "AWS::Events::EventBus": ["Write"], "AWS::StepFunctions::StateMachine": ["Write"], "AWS::Lambda::Function": ["Write"], "AWS::SQS::Queue": ["Write"] }, "AWS::Lambda::Function": { "AWS::Lambda::Function": ["Write"], "AWS::S3::Bucket": ["Read", "Write"], "AWS::DynamoDB::Table": ["Read", "Write"], "AWS::SQS::Queue": ["Read", "Write"], "AWS::SNS::Topic": ["Write"], "AWS::StepFunctions::StateMachine": ["Write", "Read"], "AWS::Events::EventBus": ["Write"], "AWS::Location::PlaceIndex": ["Read"] }, "AWS::ApiGatewayV2::Api": { "AWS::Lambda::Function": ["Write"] }, "AWS::ApiGateway::RestApi": { "AWS::Lambda::Function": ["Write"] }, "AWS::SNS::Topic": { "AWS::SQS::Queue": ["Write"], "AWS::Lambda::Function": ["Write"] }, "AWS::SQS::Queue": { "AWS::Lambda::Function": ["Write", "Read"] }, "AWS::S3::Bucket": { "AWS::Lambda::Function": ["Write"] }, "AWS::StepFunctions::StateMachine": { "AWS::Lambda::Function": ["Write"], "AWS::SNS::Topic": ["Write"], "AWS::SQS::Queue": ["Write"], "AWS::S3::Bucket": ["Read", "Write"], "AWS::DynamoDB::Table": ["Read", "Write"], "AWS::StepFunctions::StateMachine": ["Read", "Write"], "AWS::Events::EventBus": ["Write"] }, "AWS::AppSync::DataSource": { "AWS::DynamoDB::Table": ["Read", "Write"], "AWS::Lambda::Function": ["Write"], "AWS::Events::EventBus": ["Write"] }, "AWS::AppSync::GraphQLApi": { "AWS::Lambda::Function": ["Write"] } };
/** How a connector finds a resource's ARN (and name) and its role, by resource type. */
const SAM_CONNECTOR_RESOURCES = { "AWS::Lambda::Function": { "Inputs": { "Role": "Role" }, "Outputs": { "Arn": { "Fn::GetAtt": ["%{logicalId}", "Arn"] } } }, "AWS::StepFunctions::StateMachine": { "Inputs": { "Role": "RoleArn" }, "Outputs": { "Arn": { "Ref": "%{logicalId}" }, "Name": { "Fn::GetAtt": ["%{logicalId}", "Name"] } } }, "AWS::AppSync::GraphQLApi": { "Outputs": { "Id": { "Fn::GetAtt": ["%{logicalId}", "ApiId"] }, "Arn": { "Ref": "%{logicalId}" } } }, "AWS::AppSync::DataSource": { "Inputs": { "Role": "ServiceRoleArn" }, "Outputs": { "Arn": { "Ref": "%{logicalId}" } } }, "AWS::Events::Rule": { "Inputs": { "Role": { "Function": "GetEventsRuleRole" } }, "Outputs": { "Arn": { "Fn::GetAtt": ["%{logicalId}", "Arn"] } } }, "AWS::SQS::Queue": { "Outputs": { "Arn": { "Fn::GetAtt": ["%{logicalId}", "Arn"] }, "Url": { "Ref": "%{logicalId}" } } }, "AWS::SNS::Topic": { "Outputs": { "Arn": { "Ref": "%{logicalId}" } } }, "AWS::DynamoDB::Table": { "Outputs": { "Arn": { "Fn::GetAtt": ["%{logicalId}", "Arn"] } } }, "AWS::S3::Bucket": { "Outputs": { "Arn": { "Fn::GetAtt": ["%{logicalId}", "Arn"] } } }, "AWS::Location::PlaceIndex": { "Outputs": { "Arn": { "Fn::GetAtt": ["%{logicalId}", "Arn"] } } }, "AWS::ApiGatewayV2::Api": { "Outputs": { "Arn": { "Fn::GetAtt": ["%{logicalId}", "Arn"] }, "Qualifier": "*", "Id": { "Ref": "%{logicalId}" } } }, "AWS::ApiGateway::RestApi": { "Outputs": { "Arn": { "Fn::GetAtt": ["%{logicalId}", "Arn"] }, "Qualifier": "*", "Id": { "Ref": "%{logicalId}" } } }, "AWS::Events::EventBus": { "Outputs": { "Arn": { "Fn::GetAtt": ["%{logicalId}", "Arn"] } } } };

// EXTERNAL MODULE: ./src/policy/json-tree.ts
var json_tree = __webpack_require__(9907);
// EXTERNAL MODULE: ./src/policy/parse-policy.ts + 2 modules
var parse_policy = __webpack_require__(9226);
// EXTERNAL MODULE: ./src/policy/place.ts
var place = __webpack_require__(7329);
// EXTERNAL MODULE: ./src/vocabulary/accounts.ts
var accounts = __webpack_require__(7146);
// EXTERNAL MODULE: ./src/vocabulary/linear-regexp.ts + 1 modules
var linear_regexp = __webpack_require__(8986);
// EXTERNAL MODULE: ./src/vocabulary/placeholders.ts
var placeholders = __webpack_require__(7604);
// EXTERNAL MODULE: ./src/vocabulary/policy.ts
var policy = __webpack_require__(2176);
// EXTERNAL MODULE: ./src/vocabulary/reference-shapes.ts
var reference_shapes = __webpack_require__(3068);
// EXTERNAL MODULE: ./src/vocabulary/suggest-name.ts
var suggest_name = __webpack_require__(2728);
// EXTERNAL MODULE: ./src/vocabulary/text.ts
var vocabulary_text = __webpack_require__(8449);
// EXTERNAL MODULE: ./src/sources/policy-source.ts
var policy_source = __webpack_require__(8662);
// EXTERNAL MODULE: ./src/sources/cloudformation/nodes.ts
var nodes = __webpack_require__(2022);
// EXTERNAL MODULE: ./src/sources/cloudformation/origin.ts
var origin = __webpack_require__(8093);
;// CONCATENATED MODULE: ./src/sources/cloudformation/edit-site.ts


function yamlSite(file, text, document, statements) {
    // A document an intrinsic chose (`PolicyDocument: !If [...]`) is not edited: which one is written where?
    if (document.type !== 'object' || (0,origin/* isComputed */.YQ)(document))
        return undefined;
    const list = (0,nodes/* fieldOf */._F)(document, 'Statement');
    if (list?.type !== 'array' || (0,origin/* isComputed */.YQ)(list) || list.items.length !== statements || !(0,origin/* spanOf */.ee)(list))
        return undefined;
    const sites = [];
    for (const item of list.items) {
        const span = (0,origin/* spanOf */.ee)(item);
        if (item.type !== 'object' || (0,origin/* isComputed */.YQ)(item) || !span)
            return undefined;
        sites.push({
            span: { start: itemStart(text, span.start), end: trimmedEnd(text, span.start, span.end) },
            actions: listSite(text, item, ['Action', 'NotAction']),
            resources: listSite(text, item, ['Resource', 'NotResource']),
        });
    }
    return { file, syntax: 'yaml', statements: sites };
}
/** A statement's list of actions or resources as written: key, value, each item's text. */
function listSite(text, statement, keys) {
    const index = statement.keys.findIndex((k) => keys.includes(k.value));
    const key = statement.keys[index];
    const value = statement.values[index];
    const keySpan = key && (0,origin/* spanOf */.ee)(key);
    const valueSpan = value && (0,origin/* spanOf */.ee)(value);
    if (!key || !value || !keySpan || !valueSpan)
        return null;
    // A list an intrinsic made (`Resource: !Split …`) is not a list written here.
    if ((0,origin/* isComputed */.YQ)(value) && value.type === 'array')
        return null;
    const items = value.type === 'array' ? value.items : [value];
    const texts = [];
    const starts = new Set();
    for (const item of items) {
        const span = (0,origin/* spanOf */.ee)(item);
        // Two values of one written item (an undecided !If keeps both branches) cannot be told apart.
        if (!span || starts.has(span.start))
            return null;
        starts.add(span.start);
        texts.push(text.slice(span.start, trimmedEnd(text, span.start, span.end)));
    }
    return {
        key: { start: keySpan.start, end: trimmedEnd(text, keySpan.start, keySpan.end) },
        value: { start: valueSpan.start, end: trimmedEnd(text, valueSpan.start, valueSpan.end) },
        list: value.type === 'array',
        items: texts,
        // Plain strings only: an intrinsic among the actions could not be rewritten as a value.
        literal: items.every((i) => i.type === 'string' && !(0,origin/* isComputed */.YQ)(i)),
    };
}
/** A block sequence item starts at its `-`; a flow one where its value does. */
function itemStart(text, start) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const before = text.slice(lineStart, start);
    const dash = /-[ \t]+$/.exec(before);
    return dash && /^[ \t]*$/.test(before.slice(0, dash.index)) ? lineStart + dash.index : start;
}
/** The end of a node's text without the blank space, line ends and comments its range takes in. */
function trimmedEnd(text, start, end) {
    let e = end;
    for (;;) {
        while (e > start && isBlank(text.charCodeAt(e - 1)))
            e--;
        // A comment at the end of the node's last line belongs to the line, not to the value.
        const lineStart = Math.max(text.lastIndexOf('\n', e - 1) + 1, start);
        // Looked for within the line alone: forward from its start, a template with no `#` after it was read
        // to its end for every value (backward, to its first line), 6 s for 10,000 statements.
        const line = text.slice(lineStart, e);
        const hash = line.includes('#') ? commentStart(line) : -1;
        if (hash < 0)
            return e;
        e = lineStart + hash;
    }
}
/** Space, tab, CR or LF. */
function isBlank(code) {
    return code === 32 || code === 9 || code === 10 || code === 13;
}
/** Where a comment starts on a line of YAML (a `#` after a blank, with no quote before it), or -1. */
function commentStart(line) {
    const match = /(^|[ \t])#/.exec(line);
    if (!match || /['"]/.test(line.slice(0, match.index)))
        return -1;
    return match.index + (match[1]?.length ?? 0);
}

;// CONCATENATED MODULE: ./src/sources/cloudformation/intrinsics.ts
// CloudFormation's intrinsic functions over the positioned tree of a template: what a property is once
// the stack is deployed, as far as the template, its parameters and the config can tell. What only the
// deployed stack knows stays a readable placeholder (`${MyBucket.Arn}`, `${ImportValue:shared-bucket}`),
// which the checks treat as a specific resource. Every value keeps the position it was written at.




/**
 * Evaluations in progress, each reference followed counted (a Ref of a role whose RoleName is a Ref of
 * another …), and the most: a chain of 700 such roles, or of 5,000 conditions, ran the stack out.
 */
let nesting = 0;
const MAX_NESTING = 300;
/** Where evaluation cannot go on: the message and the node it is about. */
class IntrinsicError extends Error {
    node;
    constructor(message, node) {
        super(message);
        this.node = node;
    }
}
/** The partition of a region (`aws` when it is not known). */
function partitionOf(region) {
    return region?.startsWith('cn-') ? 'aws-cn' : region?.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}
/** The functions whose result is one of their arguments (not a value they make). */
const PASS_THROUGH = new Set([
    'Fn::If',
    'Fn::Select',
    'Fn::FindInMap',
    'Fn::Base64',
    'Fn::ToJsonString',
    'Condition',
    'Fn::Equals',
    'Fn::And',
    'Fn::Or',
    'Fn::Not',
]);
/** A key Fn::FindInMap's mapping does not have, where its DefaultValue stands instead. */
const MISSING_KEY = Symbol('missing key');
/** `AWS::NoValue`: the key or item is removed. */
const NO_VALUE = Symbol('AWS::NoValue');
const FUNCTIONS = new Set([
    'Ref',
    'Condition',
    'Fn::Sub',
    'Fn::Join',
    'Fn::GetAtt',
    'Fn::If',
    'Fn::Select',
    'Fn::Split',
    'Fn::FindInMap',
    'Fn::ImportValue',
    'Fn::Base64',
    'Fn::GetAZs',
    'Fn::Cidr',
    'Fn::Equals',
    'Fn::And',
    'Fn::Or',
    'Fn::Not',
    'Fn::Length',
    'Fn::ToJsonString',
    'Fn::Transform',
]);
class Evaluator {
    ctx;
    /** Conditions decided so far: true, false, or undefined when their parameters are not known. */
    decided = new Map();
    deciding = new Set();
    /** Conditions an `Fn::If` could not decide, whose two branches were both kept. */
    undecided = new Set();
    constructor(ctx) {
        this.ctx = ctx;
    }
    /** A value with every intrinsic evaluated; `NO_VALUE` where `AWS::NoValue` removes it. */
    evaluate(node) {
        if (nesting >= MAX_NESTING)
            throw new IntrinsicError(`it follows references more than ${MAX_NESTING} deep (a Ref of a resource whose name is a Ref of another …)`, node);
        nesting++;
        try {
            return this.evaluateNode(node);
        }
        finally {
            nesting--;
        }
    }
    evaluateNode(node) {
        // Most of a policy is literal: a collection whose parts all evaluate to themselves is returned as
        // it is, and copied only from its first part that changes.
        if (node.type === 'array') {
            let items;
            for (let i = 0; i < node.items.length; i++) {
                const item = node.items[i];
                const value = this.evaluate(item);
                if (value === item && !items)
                    continue;
                items ??= node.items.slice(0, i);
                if (value === NO_VALUE)
                    continue;
                // An undecided Fn::If in a list keeps the items of both branches.
                if (value.type === 'array' && both.has(value))
                    (0,lists/* append */.BC)(items, value.items);
                else
                    items.push(value);
            }
            return items ? { ...node, items } : node;
        }
        if (node.type === 'string')
            return withDynamicReferences(node);
        if (node.type !== 'object')
            return node;
        const fn = functionOf(node);
        if (fn) {
            const result = this.call(fn, node.values[0], node);
            // Most functions make a new value, marked in place; If, Select and the like give one of their
            // arguments, which is copied to be marked.
            if (result === NO_VALUE)
                return result;
            const marked = (0,origin/* computedAt */.fC)(result, node, !PASS_THROUGH.has(fn));
            return marked.type === 'string' ? withDynamicReferences(marked) : marked;
        }
        let keys;
        let values;
        for (let i = 0; i < node.values.length; i++) {
            const before = node.values[i];
            const value = this.evaluate(before);
            if (value === before && !values)
                continue;
            keys ??= node.keys.slice(0, i);
            values ??= node.values.slice(0, i);
            if (value === NO_VALUE)
                continue;
            keys.push(node.keys[i]);
            values.push(value);
        }
        return values && keys ? { ...node, keys, values } : node;
    }
    /** A value that must be a string (a name, an ARN): placeholders where the template cannot say. */
    string(node) {
        const value = this.evaluate(node);
        if (value === NO_VALUE)
            return undefined;
        if (value.type === 'string')
            return value.value;
        if (value.type === 'number' || value.type === 'boolean')
            return String(value.value);
        return undefined;
    }
    /** Whether a named condition holds: undefined when it depends on what is not known. */
    condition(name, at) {
        if (this.decided.has(name))
            return this.decided.get(name);
        const conditions = this.ctx.conditions;
        const index = conditions?.type === 'object' ? (0,json_tree/* keyIndex */.gZ)(conditions, name) : -1;
        if (conditions?.type !== 'object' || index < 0)
            throw new IntrinsicError(`the condition ${JSON.stringify(name)} is not defined in Conditions`, at);
        if (this.deciding.has(name))
            throw new IntrinsicError(`the condition ${JSON.stringify(name)} depends on itself`, at);
        if (this.deciding.size >= MAX_NESTING)
            throw new IntrinsicError(`conditions name conditions more than ${MAX_NESTING} deep`, at);
        this.deciding.add(name);
        const result = this.truth(conditions.values[index]);
        this.deciding.delete(name);
        this.decided.set(name, result);
        return result;
    }
    truth(node) {
        const fn = node.type === 'object' ? functionOf(node) : undefined;
        const arg = fn ? node.values[0] : undefined;
        const items = arg?.type === 'array' ? arg.items : [];
        switch (fn) {
            case 'Condition':
                if (arg?.type !== 'string')
                    throw new IntrinsicError('Condition: expected the name of a condition', node);
                return this.condition(arg.value, arg);
            case 'Fn::Equals': {
                if (items.length !== 2)
                    throw new IntrinsicError('Fn::Equals: expected a list of two values', node);
                const [a, b] = items.map((i) => this.evaluate(i));
                if (a === undefined || b === undefined || a === NO_VALUE || b === NO_VALUE)
                    return undefined;
                const sa = scalarText(a);
                const sb = scalarText(b);
                if (sa === undefined || sb === undefined || hasPlaceholder(sa) || hasPlaceholder(sb))
                    return undefined;
                return sa === sb;
            }
            case 'Fn::Not': {
                const inner = items[0] ? this.truth(items[0]) : undefined;
                return inner === undefined ? undefined : !inner;
            }
            case 'Fn::And':
            case 'Fn::Or': {
                const values = items.map((i) => this.truth(i));
                const decisive = fn !== 'Fn::And';
                if (values.includes(decisive))
                    return decisive;
                return values.includes(undefined) ? undefined : !decisive;
            }
            default:
                if (node.type === 'boolean')
                    return node.value;
                if (node.type === 'string' && (node.value === 'true' || node.value === 'false'))
                    return node.value === 'true';
                throw new IntrinsicError('a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition', node);
        }
    }
    call(fn, arg, node) {
        const text = (value) => ({
            type: 'string',
            value,
            line: node.line,
            column: node.column,
        });
        const list = (what, count) => {
            if (arg.type !== 'array' || (count !== undefined && arg.items.length !== count))
                throw new IntrinsicError(`${fn}: expected ${what}`, arg);
            return arg.items;
        };
        switch (fn) {
            case 'Ref': {
                if (arg.type !== 'string')
                    throw new IntrinsicError('Ref: expected the name of a parameter or resource', arg);
                return this.ref(arg.value, arg, node);
            }
            case 'Fn::GetAtt': {
                const parts = arg.type === 'string'
                    ? arg.value.split(/\.(.*)/s).filter((p) => p !== '')
                    : list('[logicalId, attribute]', 2).map((p) => this.string(p));
                const [id, attribute] = parts;
                if (typeof id !== 'string' || typeof attribute !== 'string')
                    throw new IntrinsicError('Fn::GetAtt: expected [logicalId, attribute]', arg);
                this.mustBeResource(id, 'Fn::GetAtt', arg);
                return text(this.ctx.attributeOf(id, attribute) ?? `\${${id}.${attribute}}`);
            }
            case 'Fn::Sub':
                return text(this.sub(arg, node));
            case 'Fn::Join': {
                const [delimiter, values] = list('[delimiter, [values]]', 2);
                const sep = this.string(delimiter);
                // A literal list's parts, each evaluated once: an undecided Fn::If among them gives alternatives.
                const parts = values.type === 'array' ? values.items.map((item) => this.evaluate(item)) : undefined;
                if (sep !== undefined && parts?.some((p) => p !== NO_VALUE && both.has(p)))
                    return this.joinAlternatives(parts, sep, node);
                const joined = values.type === 'array' && parts
                    ? { ...values, items: parts.filter((p) => p !== NO_VALUE) }
                    : this.evaluate(values);
                // A list known only when deployed (a List parameter without a value): its text is as unknown.
                if (sep !== undefined &&
                    joined !== NO_VALUE &&
                    joined.type === 'string' &&
                    hasPlaceholder(joined.value))
                    return text(joined.value);
                if (sep === undefined || joined === NO_VALUE || joined.type !== 'array')
                    throw new IntrinsicError('Fn::Join: expected [delimiter, [values]]', arg);
                return text(joined.items.map((i) => scalarText(i) ?? '').join(sep));
            }
            case 'Fn::Select': {
                const [index, values] = list('[index, [values]]', 2);
                const at = this.string(index);
                const i = Number(at);
                const from = this.evaluate(values);
                // From a list known only when deployed (`!GetAZs ''`, a List parameter without a value), or at
                // an index that is: an item known only then.
                if (from !== NO_VALUE && from.type === 'string' && hasPlaceholder(from.value))
                    return text(selected(at ?? '?', from.value));
                if (at !== undefined && hasPlaceholder(at) && from !== NO_VALUE && from.type === 'array')
                    return text(selected(at, from.items.map((item) => scalarText(item) ?? '?').join(',')));
                if (from === NO_VALUE || from.type !== 'array' || !Number.isInteger(i))
                    throw new IntrinsicError('Fn::Select: expected [index, [values]]', arg);
                // Past the parts of a split that are known: what a placeholder holds may add parts (a stream
                // ARN split at "/"), so the item is known only when deployed.
                const split = splitOf(from);
                if (split && i >= split.known)
                    return text(selected(String(i), split.source));
                const picked = from.items[i];
                if (!picked)
                    throw new IntrinsicError(`Fn::Select: index ${i} is outside the list of ${from.items.length}`, arg);
                return picked;
            }
            case 'Fn::Split': {
                const [delimiter, source] = list('[delimiter, string]', 2);
                const sep = this.string(delimiter);
                const value = this.string(source);
                if (sep === undefined || value === undefined)
                    throw new IntrinsicError('Fn::Split: expected [delimiter, string]', arg);
                if (sep === '' || !hasPlaceholder(value))
                    return { type: 'array', items: value.split(sep).map(text), line: node.line, column: node.column };
                // A placeholder stays whole (`${AWS::AccountId}` holds no ":" once deployed); the parts from the
                // first one that holds a placeholder on are known only when deployed.
                const parts = splitOutsidePlaceholders(value, sep);
                const known = parts.findIndex(hasPlaceholder);
                return markSplit({ type: 'array', items: parts.map(text), line: node.line, column: node.column }, { known: known < 0 ? parts.length : known, source: value });
            }
            case 'Fn::FindInMap': {
                const items = list('[MapName, TopLevelKey, SecondLevelKey]');
                const keys = items.slice(0, 3).map((k) => this.string(k));
                // AWS::LanguageExtensions: `{ DefaultValue: … }` fourth, what a key the mapping lacks gives.
                const options = items[3];
                const fallback = options?.type === 'object' ? (0,json_tree/* keyIndex */.gZ)(options, 'DefaultValue') : -1;
                const found = this.findInMap(keys, arg, fallback >= 0);
                if (found === MISSING_KEY)
                    return this.evaluate(options.values[fallback]);
                return found ?? text(`\${FindInMap:${keys.join('.')}}`);
            }
            case 'Fn::ImportValue':
                return text(`\${ImportValue:${this.string(arg) ?? '?'}}`);
            case 'Fn::If': {
                const [name, yes, no] = list('[condition, value if true, value if false]', 3);
                if (name.type !== 'string')
                    throw new IntrinsicError('Fn::If: expected the name of a condition first', name);
                const holds = this.condition(name.value, name);
                if (holds === true)
                    return this.evaluate(yes);
                if (holds === false)
                    return this.evaluate(no);
                // Undecided: both branches are kept, as a list (the checks then judge what either could grant).
                this.undecided.add(name.value);
                const branches = [this.evaluate(yes), this.evaluate(no)];
                const kept = branches.filter((v) => v !== NO_VALUE);
                const items = kept.flatMap((v) => (v.type === 'array' ? v.items : [v]));
                return markBoth({ type: 'array', items, line: node.line, column: node.column }, kept.length < 2);
            }
            case 'Condition':
            case 'Fn::Equals':
            case 'Fn::And':
            case 'Fn::Or':
            case 'Fn::Not': {
                const holds = this.truth(node);
                return holds === undefined
                    ? text(`\${Condition:${fn}}`)
                    : { type: 'boolean', value: holds, line: node.line, column: node.column };
            }
            case 'Fn::Base64':
            case 'Fn::ToJsonString':
                return this.evaluate(arg);
            case 'Fn::GetAZs':
                return text(`\${GetAZs:${this.ctx.region ?? '${AWS::Region}'}}`);
            case 'Fn::Length':
            case 'Fn::Cidr':
            case 'Fn::Transform':
                return text(`\${${fn}}`);
            default:
                throw new IntrinsicError(`${fn} is not an intrinsic function`, node);
        }
    }
    ref(name, at, node) {
        const text = (value) => ({
            type: 'string',
            value,
            line: node.line,
            column: node.column,
        });
        const pseudo = this.pseudo(name);
        if (pseudo === NO_VALUE)
            return NO_VALUE;
        if (pseudo !== undefined)
            return text(pseudo);
        const parameter = this.ctx.parameters.get(name);
        if (parameter === '')
            return markEmpty(text(parameter), name);
        if (parameter !== undefined)
            return typeof parameter === 'string'
                ? text(parameter)
                : { type: 'array', items: parameter.map(text), line: node.line, column: node.column };
        const resource = this.ctx.refOf(name);
        if (resource !== undefined)
            return text(resource);
        // SAM's `!Ref MyFunction.Alias` and `.Version`: the alias and version AutoPublishAlias makes.
        const published = PUBLISHED.exec(name);
        if (published && this.ctx.refOf(published[1]) !== undefined)
            return text(`\${${name}}`);
        throw new IntrinsicError(`Ref: ${JSON.stringify(name)} is neither a parameter nor a resource of this template`, at);
    }
    /** A `Fn::GetAtt` of what is not a resource of the stack, refused as CloudFormation refuses it. */
    mustBeResource(id, what, at) {
        if (!this.ctx.isResource || this.ctx.isResource(id))
            return;
        throw new IntrinsicError(this.ctx.parameters.has(id)
            ? `${what}: ${JSON.stringify(id)} is a parameter, not a resource; only a resource has attributes (the parameter's value is Ref: ${id})`
            : `${what}: ${JSON.stringify(id)} is not a resource of this template; expected the logical ID of one of its resources`, at);
    }
    /** A pseudo parameter's value, a placeholder when not known, NO_VALUE for AWS::NoValue. */
    pseudo(name) {
        const { account, region, stackName } = this.ctx;
        switch (name) {
            case 'AWS::NoValue':
                return NO_VALUE;
            case 'AWS::AccountId':
                return account ?? '${AWS::AccountId}';
            case 'AWS::Region':
                return region ?? '${AWS::Region}';
            case 'AWS::Partition':
                return partitionOf(region);
            case 'AWS::URLSuffix':
                return region?.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
            case 'AWS::StackName':
                return stackName ?? '${AWS::StackName}';
            case 'AWS::StackId':
            case 'AWS::NotificationARNs':
                return `\${${name}}`;
            default:
                return undefined;
        }
    }
    /**
     * Fn::Join of a literal list holding undecided Fn::Ifs: each branch is another text, not another part,
     * so each choice of branches is joined (`arn:aws:s3:::` with `prod` or `dev` is two ARNs, not
     * `arn:aws:s3:::proddev`), up to MAX_JOINED texts, past which those parts are a placeholder. `parts`:
     * the list's items evaluated.
     */
    joinAlternatives(parts, sep, node) {
        let count = 1;
        for (const p of parts)
            if (p !== NO_VALUE && both.has(p))
                count *= branchesOf(p).length;
        // Each choice of parts so far; a part AWS::NoValue leaves out is no part, as Fn::Join has it.
        let choices = [[]];
        for (const p of parts) {
            if (p === NO_VALUE)
                continue;
            const options = !both.has(p) || count > MAX_JOINED
                ? [both.has(p) ? '${Fn::If}' : (scalarText(p) ?? '')]
                : branchesOf(p).map((b) => (b === NO_VALUE ? undefined : (scalarText(b) ?? '')));
            choices = choices.flatMap((chosen) => options.map((o) => (o === undefined ? chosen : [...chosen, o])));
        }
        const texts = new Set(choices.map((chosen) => chosen.join(sep)));
        const items = [...texts].map((value) => ({ type: 'string', value, line: node.line, column: node.column }));
        return items.length === 1
            ? items[0]
            : markBoth({ type: 'array', items, line: node.line, column: node.column });
    }
    sub(arg, node) {
        let template;
        const vars = new Map();
        if (arg.type === 'string')
            template = arg.value;
        else if (arg.type === 'array' && arg.items.length === 2 && arg.items[0]?.type === 'string') {
            template = arg.items[0].value;
            const map = arg.items[1];
            if (map.type !== 'object')
                throw new IntrinsicError('Fn::Sub: expected [string, {variables}]', arg);
            map.keys.forEach((k, i) => {
                vars.set(k.value, this.string(map.values[i]) ?? `\${${k.value}}`);
            });
        }
        if (template === undefined)
            throw new IntrinsicError('Fn::Sub: expected a string or [string, {variables}]', arg);
        return (0,placeholders/* replacePlaceholders */.Lb)(template, (whole, written) => {
            if (written.startsWith('!'))
                return `\${${written.slice(1)}}`;
            // CloudFormation reads `${ AWS::Region }` as `${AWS::Region}`.
            const name = written.trim();
            const own = vars.get(name);
            if (own !== undefined)
                return own;
            const dot = name.indexOf('.');
            if (dot > 0 && !name.startsWith('AWS::')) {
                const id = name.slice(0, dot);
                this.mustBeResource(id, `Fn::Sub: ${whole}`, arg);
                return this.ctx.attributeOf(id, name.slice(dot + 1)) ?? whole;
            }
            const value = this.ref(name, arg, node);
            if (value === NO_VALUE)
                return '';
            return scalarText(value) ?? (value.type === 'array' ? value.items.map(scalarText).join(',') : whole);
        });
    }
    /**
     * The value the keys find in the mappings; undefined when a key is not known here; MISSING_KEY for a
     * key the mapping lacks when there is a default to give instead (else that is an error, as
     * CloudFormation refuses the template).
     */
    findInMap(keys, at, hasDefault) {
        let node = this.ctx.mappings;
        for (const key of keys) {
            if (key === undefined || hasPlaceholder(key))
                return undefined;
            if (node?.type !== 'object')
                return undefined;
            const i = (0,json_tree/* keyIndex */.gZ)(node, key);
            if (i < 0) {
                if (hasDefault)
                    return MISSING_KEY;
                throw new IntrinsicError(`Fn::FindInMap: no key ${JSON.stringify(key)} in the mapping`, at);
            }
            node = node.values[i];
        }
        return node;
    }
}
/**
 * A string with CloudFormation's dynamic references (`{{resolve:ssm:/app/key-arn}}`,
 * `{{resolve:secretsmanager:…}}`), which it replaces when it deploys the stack with what Systems Manager or
 * Secrets Manager holds then, as placeholders (`${Resolve:ssm:/app/key-arn}`): not known here. The node
 * itself when it has none.
 */
function withDynamicReferences(node) {
    let start = node.value.indexOf('{{resolve:');
    if (start < 0)
        return node;
    let value = '';
    let last = 0;
    while (start >= 0) {
        const end = node.value.indexOf('}}', start);
        if (end < 0)
            break;
        // Capitalised, as `${ImportValue:…}` is: `${resolve:…}` would read as an IAM policy variable.
        value += `${node.value.slice(last, start)}\${R${node.value.slice(start + 3, end).replace(/[${}]/g, '')}}`;
        last = end + 2;
        start = node.value.indexOf('{{resolve:', last);
    }
    return (0,origin/* computedAt */.fC)({ ...node, value: value + node.value.slice(last) }, node, true);
}
/** The intrinsic function an object is a call of: a single key that names one. */
function functionOf(node) {
    const key = node.keys.length === 1 ? node.keys[0]?.value : undefined;
    return key !== undefined && FUNCTIONS.has(key) ? key : undefined;
}
/** A scalar's text (a string, a number or a boolean as written); undefined for anything else. */
function scalarText(node) {
    if (node.type === 'string')
        return node.value;
    if (node.type === 'number' || node.type === 'boolean')
        return String(node.value);
    return undefined;
}
const PUBLISHED = /^(.+)\.(Alias|Version)$/;
function hasPlaceholder(text) {
    return text.includes('${');
}
/**
 * The values of undecided `Fn::If`s: both branches' items, spread into the list that holds them. A
 * symbol-keyed mark, so that the copy of a result made to say where it was written keeps it.
 */
const EMPTY = Symbol('an empty parameter');
function markEmpty(node, parameter) {
    return Object.assign(node, { [EMPTY]: parameter });
}
/** The parameter whose empty value a string is (a `Ref` to it), if it is one. */
function emptyParameterOf(node) {
    return node[EMPTY];
}
const BOTH = Symbol('both branches');
/** `orNone`: one branch was AWS::NoValue, so that nothing is a choice too (in a Fn::Join, no part). */
function markBoth(node, orNone = false) {
    ;
    node[BOTH] = orNone ? 'or-none' : 'some';
    return node;
}
const both = { has: (node) => node[BOTH] !== undefined };
/** The choices an undecided Fn::If's value gives: its items, and nothing when a branch was AWS::NoValue. */
function branchesOf(node) {
    const items = node.type === 'array' ? node.items : [node];
    return node[BOTH] === 'or-none' ? [...items, NO_VALUE] : items;
}
/** The most texts a Fn::Join of undecided Fn::Ifs gives: each undecided part doubles them. */
const MAX_JOINED = 64;
const SPLIT = Symbol('split of a placeholder');
function markSplit(node, split) {
    ;
    node[SPLIT] = split;
    return node;
}
function splitOf(node) {
    return node[SPLIT];
}
/** `text` split at `sep`, each `${...}` (nested ones too) kept whole. */
function splitOutsidePlaceholders(text, sep) {
    const parts = [];
    let start = 0;
    let depth = 0;
    for (let i = 0; i < text.length;) {
        if (text.startsWith('${', i)) {
            depth++;
            i += 2;
        }
        else if (depth > 0 && text.charCodeAt(i) === 125) {
            depth--;
            i++;
        }
        else if (depth === 0 && text.startsWith(sep, i)) {
            parts.push(text.slice(start, i));
            i += sep.length;
            start = i;
        }
        else
            i++;
    }
    parts.push(text.slice(start));
    return parts;
}
/** The placeholder of an item selected from a list known only when deployed: `${Select:3:Table.StreamArn}`. */
function selected(index, from) {
    return `\${Select:${index}:${wholePlaceholder(from) ?? from}}`;
}
/** What a text that is one placeholder (`${GetAZs:${AWS::Region}}`) holds; undefined for other text. */
function wholePlaceholder(text) {
    if (!text.startsWith('${') || !text.endsWith('}'))
        return undefined;
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        if (text.startsWith('${', i)) {
            depth++;
            i++;
        }
        else if (text.charCodeAt(i) === 125 && depth > 0 && --depth === 0 && i < text.length - 1)
            return undefined;
    }
    return depth === 0 ? text.slice(2, -1) : undefined;
}

;// CONCATENATED MODULE: ./src/sources/cloudformation/sam-connectors.ts
// AWS SAM connectors (`AWS::Serverless::Connector`, and a resource's `Connectors`): what a connector
// between two resource types puts in a role's policy, from SAM's own connector profiles
// (samtranslator/model/connector_profiles/profiles.json, compiled from data/sam). How SAM finds the two
// ends and their roles is samtranslator/model/connector/connector.py; discover.ts follows it.

/** The CloudFormation type SAM turns a SAM resource into, which is what a connector joins. */
function connectorType(type) {
    return SAM_TO_CFN[type] ?? type;
}
const SAM_TO_CFN = {
    'AWS::Serverless::Function': 'AWS::Lambda::Function',
    'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
    'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
    'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
    'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
};
/**
 * What a connector knows of a resource of the template by its logical id: its `Arn` (and `Name`,
 * `Url`, …) as intrinsic functions of it, as SAM's profiles write them.
 */
function connectorOutputs(type, logicalId) {
    const outputs = SAM_CONNECTOR_RESOURCES[type]?.Outputs ?? {};
    return profileReplace(outputs, { logicalId });
}
/**
 * The property of a resource type that names its role, as SAM's profiles say (`Role`, `RoleArn`,
 * `ServiceRoleArn`); `events-rule` for a rule, whose role is that of the target being connected.
 */
function connectorRoleProperty(type) {
    const role = SAM_CONNECTOR_RESOURCES[type]?.Inputs?.Role;
    if (typeof role === 'string')
        return role;
    return role && typeof role === 'object' ? 'events-rule' : undefined;
}
/**
 * What a connector from `sourceType` to `destinationType` with `permissions` grants, its statements'
 * `%{Source.Arn}`, `%{Destination.Arn}`, … replaced by `ends` (a value that is part of a string becomes
 * an `Fn::Sub` of it, as SAM writes it). The access categories keep the profile's order.
 */
function connectorGrant(sourceType, destinationType, permissions, ends) {
    const categories = SAM_CONNECTOR_PAIRS[sourceType]?.[destinationType];
    if (!categories)
        return {
            kind: 'error',
            message: `Unable to create connector from ${sourceType} to ${destinationType}; it's not supported or the template is invalid.`,
        };
    const unknown = permissions.filter((p) => !categories.includes(p));
    if (permissions.length === 0 || unknown.length > 0)
        return {
            kind: 'error',
            message: `Unsupported 'Permissions' (${permissions.length === 0 ? 'none' : permissions.map((p) => JSON.stringify(p)).join(', ')}) provided for connector from ${sourceType} to ${destinationType}; valid values are: ${categories.join(', ')}.`,
        };
    const profile = SAM_CONNECTOR_POLICIES[sourceType]?.[destinationType];
    if (!profile)
        return { kind: 'resource-policy' };
    const statements = [];
    for (const [category, list] of Object.entries(profile.categories))
        if (permissions.includes(category))
            statements.push(...list);
    const missing = variablesIn(statements).find((name) => ends[name] === undefined);
    if (missing !== undefined)
        return { kind: 'error', message: `${missing} is missing.` };
    return {
        kind: 'policy',
        sourcePolicy: profile.sourcePolicy,
        statements: profileReplace(statements, ends),
    };
}
/** The `%{…}` variables a profile's value uses. */
function variablesIn(value) {
    return [...new Set([...JSON.stringify(value).matchAll(/%\{([\w.]+)\}/g)].map((m) => m[1]))];
}
/**
 * SAM's profile_replace: a string that is exactly `%{X}` becomes X's value; one that holds it among
 * other text, an `Fn::Sub` with X as a variable named without its dots; and any that holds a `${…}`
 * (`arn:${AWS::Partition}:events:…`), an `Fn::Sub` too.
 */
function profileReplace(value, replacements) {
    if (Array.isArray(value))
        return value.map((v) => profileReplace(v, replacements));
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, profileReplace(v, replacements)]));
    if (typeof value !== 'string')
        return value;
    let text = value;
    const variables = {};
    for (const [name, replacement] of Object.entries(replacements)) {
        const pattern = `%{${name}}`;
        if (text === pattern)
            return replacement;
        if (!text.includes(pattern))
            continue;
        const variable = name.replace(/[^A-Za-z0-9]/g, '');
        text = text.replaceAll(pattern, `\${${variable}}`);
        variables[variable] = replacement;
    }
    if (Object.keys(variables).length > 0)
        return { 'Fn::Sub': [text, variables] };
    return /\$\{.+\}/.test(text) ? { 'Fn::Sub': text } : text;
}

;// CONCATENATED MODULE: ./src/sources/cloudformation/sam-events.ts


/** What a function's events and EventInvokeConfig add to its own role. */
function functionEventStatements(functionId, props) {
    const out = [];
    const events = props.get('Events');
    for (const [i, key] of events?.type === 'object' ? events.keys.entries() : []) {
        const event = events?.type === 'object' ? events.values[i] : undefined;
        const fields = event?.type === 'object' ? (0,nodes/* entries */.jO)(event) : undefined;
        const type = textOf(fields?.get('Type'));
        const properties = fields?.get('Properties');
        const p = properties?.type === 'object' ? (0,nodes/* entries */.jO)(properties) : new Map();
        const statements = [
            ...(type && PULL_SOURCES.has(type) ? failureDestination(p.get('DestinationConfig')) : []),
            ...(type ? (SOURCE_ACCESS[type]?.(p) ?? []) : []),
        ];
        if (statements.length > 0)
            out.push({ at: key, part: `Events.${key.value}`, statements });
    }
    out.push(...invokeDestinations(functionId, props.get('EventInvokeConfig')));
    return out;
}
/**
 * A ScheduleV2 event's dead-letter queue, which its scheduler role may send to: the queue `Arn` given,
 * or the one SAM makes (`QueueLogicalId`, else `<Id><Event>Queue`).
 */
function scheduleDeadLetterStatements(eventId, properties) {
    const config = properties?.type === 'object' ? (0,nodes/* fieldOf */._F)(properties, 'DeadLetterConfig') : undefined;
    if (config?.type !== 'object')
        return [];
    const arn = (0,nodes/* fieldOf */._F)(config, 'Arn');
    const queue = textOf((0,nodes/* fieldOf */._F)(config, 'QueueLogicalId')) ?? `${eventId}Queue`;
    return [sendMessage(arn ? (0,nodes/* written */.Mp)(arn) : { 'Fn::GetAtt': [queue, 'Arn'] })];
}
/** The event types SAM makes an event source mapping of: a failed batch may go to a destination. */
const PULL_SOURCES = new Set([
    'SQS',
    'Kinesis',
    'DynamoDB',
    'MSK',
    'MQ',
    'SelfManagedKafka',
    'DocumentDB',
]);
/** A pull source's `DestinationConfig.OnFailure` of `Type` SQS, SNS or S3 (Kafka's needs nothing). */
function failureDestination(node) {
    const onFailure = node?.type === 'object' ? (0,nodes/* fieldOf */._F)(node, 'OnFailure') : undefined;
    if (onFailure?.type !== 'object')
        return [];
    const destination = (0,nodes/* fieldOf */._F)(onFailure, 'Destination');
    const type = textOf((0,nodes/* fieldOf */._F)(onFailure, 'Type'));
    if (!destination || !type)
        return [];
    const arn = (0,nodes/* written */.Mp)(destination);
    if (type === 'SQS')
        return [sendMessage(arn)];
    if (type === 'SNS')
        return [{ Effect: 'Allow', Action: 'sns:publish', Resource: arn }];
    if (type === 'S3')
        return s3Payload(arn);
    return [];
}
/**
 * EventInvokeConfig's OnSuccess and OnFailure destinations: the `Destination` given, or for SQS and
 * SNS without one, the queue or topic SAM makes (`<Id>EventInvokeConfig<OnX>Queue` / `Topic`).
 */
function invokeDestinations(functionId, node) {
    const config = node?.type === 'object' ? (0,nodes/* fieldOf */._F)(node, 'DestinationConfig') : undefined;
    if (config?.type !== 'object')
        return [];
    const out = [];
    for (const [i, key] of config.keys.entries()) {
        const value = config.values[i];
        if ((key.value !== 'OnSuccess' && key.value !== 'OnFailure') || value?.type !== 'object')
            continue;
        const type = textOf((0,nodes/* fieldOf */._F)(value, 'Type'));
        const destination = (0,nodes/* fieldOf */._F)(value, 'Destination');
        const made = `${functionId}EventInvokeConfig${key.value}`;
        const madeArn = type === 'SQS'
            ? { 'Fn::GetAtt': [`${made}Queue`, 'Arn'] }
            : type === 'SNS'
                ? `\${${made}Topic}`
                : undefined;
        const arn = destination ? orMade(destination, madeArn) : madeArn;
        if (arn === undefined)
            continue;
        const statements = type === 'SQS'
            ? [sendMessage(arn)]
            : type === 'SNS'
                ? [{ Effect: 'Allow', Action: 'sns:publish', Resource: arn }]
                : type === 'EventBridge'
                    ? [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: arn }]
                    : type === 'Lambda'
                        ? [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: arn }]
                        : type === 'S3Bucket'
                            ? s3Payload(arn)
                            : [];
        if (statements.length > 0)
            out.push({ at: key, part: `EventInvokeConfig.DestinationConfig.${key.value}`, statements });
    }
    return out;
}
/**
 * A destination as SAM reads it: `!If [Cond, arn, !Ref AWS::NoValue]` of SQS or SNS is the queue or
 * topic SAM makes where the branch is none (made under that condition), and none on both is SAM's alone.
 */
function orMade(destination, made) {
    const branches = destination.type === 'object' ? (0,nodes/* fieldOf */._F)(destination, 'Fn::If') : undefined;
    if (made === undefined || branches?.type !== 'array' || branches.items.length !== 3)
        return (0,nodes/* written */.Mp)(destination);
    const [condition, yes, no] = branches.items;
    if (!isNoValue(yes) && !isNoValue(no))
        return (0,nodes/* written */.Mp)(destination);
    if (isNoValue(yes) && isNoValue(no))
        return made;
    const branch = (n) => (isNoValue(n) ? made : (0,nodes/* written */.Mp)(n));
    return { 'Fn::If': [(0,nodes/* written */.Mp)(condition), branch(yes), branch(no)] };
}
function isNoValue(node) {
    const ref = node.type === 'object' && node.keys.length === 1 ? (0,nodes/* fieldOf */._F)(node, 'Ref') : undefined;
    return ref?.type === 'string' && ref.value === 'AWS::NoValue';
}
/** What each pull source needs to reach its source, besides its managed policy. */
const SOURCE_ACCESS = {
    MSK: (p) => [
        ...schemaRegistry(p),
        ...accessConfigurations(p)
            .filter((c) => c.type === 'CLIENT_CERTIFICATE_TLS_AUTH' && c.uri)
            .map((c) => secret(c.uri)),
    ],
    MQ: (p) => {
        const basic = accessConfigurations(p).find((c) => c.type === 'BASIC_AUTH')?.uri;
        const broker = p.get('Broker');
        return [
            ...(basic ? [secret(basic)] : []),
            ...(broker ? [{ Effect: 'Allow', Action: ['mq:DescribeBroker'], Resource: (0,nodes/* written */.Mp)(broker) }] : []),
            ...kmsDecrypt(p),
        ];
    },
    SelfManagedKafka: (p) => {
        const configurations = accessConfigurations(p);
        const auth = configurations.find((c) => KAFKA_AUTH.has(c.type ?? ''))?.uri;
        const rootCertificate = configurations.some((c) => c.type === 'SERVER_ROOT_CA_CERTIFICATE' && c.uri);
        const vpc = ['VPC_SUBNET', 'VPC_SECURITY_GROUP'].every((t) => configurations.some((c) => c.type === t));
        return [
            ...(auth ? [secret(auth)] : []),
            // SAM grants the authentication secret again for a root CA certificate, not the certificate's.
            ...(auth && rootCertificate ? [secret(auth)] : []),
            ...(vpc ? [VPC_ACCESS] : []),
            ...kmsDecrypt(p),
            ...schemaRegistry(p),
        ];
    },
    DocumentDB: (p) => {
        const basic = accessConfigurations(p).find((c) => c.type === 'BASIC_AUTH')?.uri;
        const cluster = p.get('Cluster');
        const rds = (action, resource) => ({
            Effect: 'Allow',
            Action: [action],
            Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:rds:\${AWS::Region}:\${AWS::AccountId}:${resource}` },
        });
        return [
            ...(basic ? [secret(basic)] : []),
            rds('rds:DescribeDBClusterParameters', 'cluster-pg:*'),
            rds('rds:DescribeDBSubnetGroups', 'subgrp:*'),
            ...(cluster
                ? [{ Effect: 'Allow', Action: ['rds:DescribeDBClusters'], Resource: (0,nodes/* written */.Mp)(cluster) }]
                : []),
            VPC_ACCESS,
            ...kmsDecrypt(p),
        ];
    },
};
const KAFKA_AUTH = new Set([
    'SASL_SCRAM_256_AUTH',
    'SASL_SCRAM_512_AUTH',
    'BASIC_AUTH',
    'CLIENT_CERTIFICATE_TLS_AUTH',
]);
const VPC_ACCESS = {
    Effect: 'Allow',
    Action: [
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DeleteNetworkInterface',
        'ec2:DescribeVpcs',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
    ],
    Resource: '*',
};
/** A pull source's SourceAccessConfigurations: each one's Type (as written) and URI. */
function accessConfigurations(p) {
    const list = p.get('SourceAccessConfigurations');
    return (list?.type === 'array' ? list.items : []).map((item) => item.type === 'object'
        ? { type: textOf((0,nodes/* fieldOf */._F)(item, 'Type')), uri: (0,nodes/* fieldOf */._F)(item, 'URI') }
        : { type: undefined, uri: undefined });
}
/**
 * A Kafka source's SchemaRegistryConfig: its access secrets, and a Glue registry named by a literal ARN
 * (`…:registry/<name>`) with its schemas.
 */
function schemaRegistry(p) {
    const config = p.get('SchemaRegistryConfig');
    if (config?.type !== 'object')
        return [];
    const access = (0,nodes/* fieldOf */._F)(config, 'AccessConfigs');
    const statements = (access?.type === 'array' ? access.items : []).flatMap((item) => {
        const uri = item.type === 'object' ? (0,nodes/* fieldOf */._F)(item, 'URI') : undefined;
        return uri ? [secret(uri)] : [];
    });
    const uri = (0,nodes/* fieldOf */._F)(config, 'SchemaRegistryURI');
    // A literal ARN, or the text of an `Fn::Sub` of one, its `${AWS::Partition}` and the like resolved
    // (SAM reads the registry's name from either).
    const sub = uri?.type === 'object' ? (0,nodes/* fieldOf */._F)(uri, 'Fn::Sub') : undefined;
    const text = textOf(uri) ?? textOf(sub);
    const registry = text === undefined ? undefined : (0,placeholders/* replacePlaceholders */.Lb)(text, () => 'x').split(':')[5];
    if (uri && registry?.startsWith('registry/')) {
        const name = registry.slice('registry/'.length);
        statements.push({ Effect: 'Allow', Action: ['glue:GetRegistry'], Resource: (0,nodes/* written */.Mp)(uri) }, {
            Effect: 'Allow',
            Action: ['glue:GetSchemaVersion'],
            Resource: [
                { 'Fn::Sub': `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:schema/${name}/*` },
            ],
        });
    }
    return statements;
}
/** `SecretsManagerKmsKeyId`: the key that encrypts the source's secret. */
function kmsDecrypt(p) {
    const key = textOf(p.get('SecretsManagerKmsKeyId'));
    if (!key)
        return [];
    return [
        {
            Effect: 'Allow',
            Action: ['kms:Decrypt'],
            Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/${key}` },
        },
    ];
}
function secret(uri) {
    return { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: (0,nodes/* written */.Mp)(uri) };
}
function sendMessage(arn) {
    return { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arn };
}
/** A failed event's payload written to a bucket: its objects, and listing it. */
function s3Payload(arn) {
    return [
        { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['/', [arn, '*']] } },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: arn },
    ];
}
/** A scalar written as text (SAM reads these literally: no intrinsic functions). */
function textOf(node) {
    return node?.type === 'string' ? node.value : undefined;
}

// EXTERNAL MODULE: ./src/sources/cloudformation/template.ts + 1 modules
var cloudformation_template = __webpack_require__(6406);
;// CONCATENATED MODULE: ./src/sources/cloudformation/discover.ts





















/** The properties that give an AWS::SSO::PermissionSet its permissions. */
const PERMISSION_SET_POLICIES = [
    'InlinePolicy',
    'ManagedPolicies',
    'CustomerManagedPolicyReferences',
    'PermissionsBoundary',
];
const PRINCIPAL_TYPES = {
    'AWS::IAM::Role': { kind: 'role', name: 'RoleName' },
    'AWS::IAM::User': { kind: 'user', name: 'UserName' },
    'AWS::IAM::Group': { kind: 'group', name: 'GroupName' },
};
/**
 * What a tool wrote instead of a template, told by its top-level keys: the AWS CLI's `get-template`
 * (the template inside, under TemplateBody: refused, since the run would pass having read nothing of
 * it), a stack's parameter values, or a CDK cloud assembly's other files (passed over when a glob
 * caught them beside the templates).
 */
function outputNotTemplate(top) {
    if (top.has('TemplateBody') && !top.has('Resources') && !top.has('StackName'))
        return {
            refused: true,
            what: 'the output of "aws cloudformation get-template", not a template: the template is its TemplateBody',
            advice: 'Save that alone: add --query TemplateBody (with --output json for a JSON template, --output text for a YAML one)',
        };
    if (top.has('service') && top.has('provider') && !top.has('Resources'))
        return {
            refused: false,
            what: 'a Serverless Framework service (serverless.yml: service:, provider:), not a template',
            advice: "The Serverless Framework writes its stack's template when it packages: run `serverless package` before " +
                'this step, and name what it writes with template: (.serverless/cloudformation-template-update-stack.json)',
        };
    const parameters = stackParameters(top);
    if (parameters)
        return {
            refused: false,
            what: `${parameters}, not a template`,
            advice: 'To check the template with these values, give them to its cloudformation: entry as parameters: { Name: value }',
        };
    // A cloud assembly's files have a version string ("41.0.0", "tree-0.1"); a CodeBuild buildspec has a
    // `version: 0.2` and `artifacts` too, and its `phases`.
    if (top.get('version')?.type !== 'string' || top.has('Resources') || top.has('phases'))
        return undefined;
    const which = top.has('artifacts')
        ? 'manifest'
        : top.has('files') || top.has('dockerImages')
            ? 'asset manifest'
            : top.has('tree')
                ? 'construct tree'
                : undefined;
    if (!which)
        return undefined;
    return {
        refused: false,
        what: `a CDK cloud assembly's ${which}, not a template`,
        advice: "To read the assembly's stacks, name its directory with cdk-out: (cdk-out: cdk.out)",
    };
}
/** The keys of CodePipeline's template configuration file. */
const TEMPLATE_CONFIGURATION_KEYS = new Set(['Parameters', 'Tags', 'StackPolicy']);
/**
 * What a file of a stack's parameter values is, when it is one: the AWS CLI's (`Parameters` a list of
 * ParameterKey / ParameterValue, alone or in a `--cli-input-json` file), or CodePipeline's template
 * configuration (`Parameters`, `Tags` and `StackPolicy`, each parameter a value). Both sit beside the
 * templates they are for, where a glob of the templates catches them, and both have a template's key
 * `Parameters` but no `Resources`.
 */
function stackParameters(top) {
    const parameters = top.get('Parameters');
    if (parameters === undefined || top.has('Resources'))
        return undefined;
    if (parameters.type === 'array' &&
        parameters.items.some((p) => p.type === 'object' && (0,nodes/* entries */.jO)(p).has('ParameterKey')))
        return 'a list of stack parameters (ParameterKey, ParameterValue) for the AWS CLI';
    if (parameters.type === 'object' &&
        [...top.keys()].every((key) => TEMPLATE_CONFIGURATION_KEYS.has(key)) &&
        parameters.values.every((v) => v.type !== 'object' && v.type !== 'array'))
        return "a template configuration file (Parameters, Tags, StackPolicy) of CodePipeline's CloudFormation action";
    return undefined;
}
/** Every principal of one template, or the problems that stop it from being read. */
async function discoverFromTemplate(file, root, options) {
    const problems = [];
    let fail = (node, message) => problems.push({ file, line: node.line, column: node.column, message });
    const wrapper = root.type === 'object' ? outputNotTemplate((0,nodes/* entries */.jO)(root)) : undefined;
    // Refused when named by its path, or when it is get-template's output (read, it would pass as nothing).
    if (wrapper && (wrapper.refused || !options.searched)) {
        fail(root, `${wrapper.what}. ${wrapper.advice}`);
        return { principals: [], problems, nested: [] };
    }
    if (options.searched && (wrapper || !(0,cloudformation_template.hasTemplateKey)(root))) {
        const note = {
            file,
            line: root.line,
            message: wrapper
                ? `${wrapper.what}: passed over, the template: glob matches it. ${wrapper.advice}`
                : `not a CloudFormation template (none of its top-level keys: Resources, AWSTemplateFormatVersion, Transform, …): passed over; the template: glob matches it (${(0,vocabulary_problems/* quote */.hD)(`!${file}`)} after it leaves it out)`,
        };
        return wrapper
            ? { principals: [], problems, nested: [], notes: [note] }
            : { principals: [], problems, nested: [], passedOver: note };
    }
    if (root.type !== 'object') {
        fail(root, 'not a CloudFormation template: expected a mapping with Resources');
        return { principals: [], problems, nested: [] };
    }
    const top = (0,nodes/* entries */.jO)(root);
    const transform = top.get('Transform');
    const notRead = transformsNotRead(transform);
    const notes = [];
    if (transform && notRead.length > 0) {
        // What such a transform makes may be what the template names, or what makes it valid.
        const hint = `; the template's Transform ${notRead.join(', ')} may change that when CloudFormation deploys the stack: ${PROCESSED}`;
        const failed = fail;
        fail = (node, message) => failed(node, `${message}${hint}`);
        notes.push({
            file,
            line: transform.line,
            column: transform.column,
            message: `Transform: ${notRead.join(', ')} ${notRead.length === 1 ? 'is' : 'are'} not run here: CloudFormation runs ` +
                `${notRead.length === 1 ? 'it' : 'them'} when it deploys the stack, so the template is checked as written, and what ` +
                `${notRead.length === 1 ? 'it adds or changes' : 'they add or change'} is not; ${PROCESSED}`,
        });
    }
    const resourcesNode = top.get('Resources');
    if (resourcesNode === undefined && options.synthesized)
        return { principals: [], problems, nested: [] };
    if (resourcesNode?.type !== 'object') {
        fail(resourcesNode ?? root, resourcesNode
            ? `not a CloudFormation template: its Resources is ${resourcesNode.type === 'null' ? 'empty' : 'not a mapping'}; expected each resource under its logical ID`
            : 'not a CloudFormation template: it has no Resources mapping');
        return { principals: [], problems, nested: [] };
    }
    const resources = new Map();
    const context = templateContext(top, options);
    let expanded;
    const skipped = [];
    /** The logical ids of the loops not expanded, as patterns (`Topic${Name}`: `Topic` and any text). */
    const unexpanded = [];
    try {
        expanded = expandForEach(resourcesNode, new Evaluator(context), context.parameters, (key, why, made) => {
            unexpanded.push(...made.ids.map(loopIdPattern));
            skipped.push({
                file,
                line: key.line,
                column: key.column,
                message: `Resources: ${key.value} was not expanded: ${why}; it makes no IAM resource (${made.types.join(', ')}), so no principal or policy is missed`,
            });
        });
    }
    catch (error) {
        if (!(error instanceof IntrinsicError))
            throw error;
        fail(error.node, `Resources: ${error.message}`);
        return { principals: [], problems, nested: [] };
    }
    let included = false;
    expanded.keys.forEach((key, i) => {
        const node = expanded.values[i];
        const fields = node.type === 'object' ? (0,nodes/* entries */.jO)(node) : undefined;
        // Resources a transform writes when the stack is deployed (AWS::Include of a snippet in S3).
        if (key.value === 'Fn::Transform') {
            included = true;
            notes.push({
                file,
                line: key.line,
                column: key.column,
                message: `Resources: the resources Fn::Transform${transformNamed(node)} adds are not read here: CloudFormation runs it when it deploys the stack, so they are not checked; ${PROCESSED}`,
            });
            return;
        }
        const type = fields?.get('Type');
        if (type?.type !== 'string') {
            // `"Type": {"Rain::Module": "…"}`: what `!Rain::Module` is in a JSON template.
            const rain = type?.type === 'object' ? type.keys.find((k) => k.value.startsWith('Rain::')) : undefined;
            fail(type ?? node, `Resources.${key.value}: ${rain
                ? `its Type is ${rain.value}, a directive of the Rain tool, not CloudFormation: point template: at what \`rain pkg\` writes`
                : type
                    ? 'its Type must be a resource type name, such as AWS::IAM::Role'
                    : 'expected a mapping with a Type'}`);
            return;
        }
        const properties = fields?.get('Properties');
        // A list or a text as Properties: CloudFormation refuses the template, and nothing of it could be read.
        if (properties && properties.type !== 'object' && properties.type !== 'null') {
            fail(properties, `Resources.${key.value}.Properties: expected a mapping of the resource's properties`);
            return;
        }
        const condition = fields?.get('Condition');
        const metadata = fields?.get('Metadata');
        const cdkPath = metadata?.type === 'object' ? (0,nodes/* fieldOf */._F)(metadata, 'aws:cdk:path') : undefined;
        const assetPath = metadata?.type === 'object' ? (0,nodes/* fieldOf */._F)(metadata, 'aws:asset:path') : undefined;
        resources.set(key.value, {
            id: key.value,
            type: type.value,
            at: key,
            properties: properties?.type === 'object' ? properties : undefined,
            condition: condition?.type === 'string' ? condition.value : undefined,
            cdkPath: cdkPath?.type === 'string' ? cdkPath.value : undefined,
            assetPath: assetPath?.type === 'string' ? assetPath.value : undefined,
            connectors: fields?.get('Connectors'),
        });
    });
    // What a transform not applied here makes, or a loop not expanded, the template may name.
    const elsewhere = (id) => notRead.length > 0 || included || unexpanded.some((pattern) => pattern.test(id));
    const template = new Template(file, resources, top, context, options, fail, elsewhere);
    await template.collect();
    const nested = template.nestedStacks();
    return {
        principals: problems.length > 0 ? [] : template.principals(),
        problems,
        notes: [...notes, ...skipped, ...template.notes()],
        nested: problems.length > 0 ? [] : nested,
    };
}
class Template {
    file;
    resources;
    options;
    fail;
    elsewhere;
    evaluator;
    drafts = new Map();
    /** The first draft of each kind and name or ARN (`role\u0000app`), for byName. */
    draftsByName = new Map();
    /** The first principal resource of each kind and name as `Ref` gives it, for byName; made once. */
    resourcesByRef;
    names = new Map();
    naming = new Set();
    /** The documents of the template's policy resources, by logical id, as read. */
    policies = new Map();
    /** The managed policies no role, user or group of the template has, each a principal of its own. */
    alone = [];
    partition;
    managedPolicies;
    /** The implicit APIs SAM makes, found on first use. */
    implicit;
    /** The template's lines, for its documents written as strings. */
    lines;
    /** Where an empty Default was read as a value not known here, in a document or a name: by line:column. */
    emptyDefaultNotes = new Map();
    /** The `Policies` of SAM functions that have a `Role` of their own, which SAM does not attach. */
    ignoredPolicies = [];
    /** The evaluator of documents that are not valid with the empty Defaults (withDefaultsNotGiven). */
    withoutEmptyDefaults;
    /** The mappings of the resources' properties by where each is written, made on first use (writtenAt). */
    mappingsByPlace;
    /**
     * How many values withDefaultsNotGiven may still walk for the parameters a document depends on, in
     * all: each document's walk goes through the conditions it names, and a template can make that long.
     */
    namesBudget = { left: 1_000_000 };
    constructor(file, resources, top, base, options, fail, 
    /**
     * Whether a resource of this logical id may be made where this reading does not see: by a transform
     * not applied here, or by a Fn::ForEach whose values are not known here.
     */
    elsewhere) {
        this.file = file;
        this.resources = resources;
        this.options = options;
        this.fail = fail;
        this.elsewhere = elsewhere;
        this.partition = partitionOf(options.region);
        // What the template alone says, and what its resources' names and ARNs are.
        this.context = {
            ...base,
            refOf: (id) => this.refOf(id),
            attributeOf: (id, attribute) => this.attributeOf(id, attribute),
            isResource: (id) => this.resources.has(id) || this.madeUnwritten(id),
        };
        this.evaluator = new Evaluator(this.context);
        this.outputs = top.get('Outputs');
        this.globals = globalsOf(top.get('Globals'), 'Function');
        this.providerGlobals = globalsOf(top.get('Globals'), 'CapacityProvider');
    }
    context;
    /** The template's `Outputs`: what it exports, another template may import. */
    outputs;
    /** `Globals.Function` of a SAM template: defaults of every AWS::Serverless::Function. */
    globals;
    /** `Globals.CapacityProvider`: defaults of every AWS::Serverless::CapacityProvider. */
    providerGlobals;
    /** The ARN of an IAM entity of this stack's account (a placeholder when the config gives none). */
    iamArn(kind, path, name) {
        return `arn:${this.partition}:iam::${this.options.account ?? '${AWS::AccountId}'}:${kind}${path}${name}`;
    }
    /** What `Ref` gives for a resource: its name when the template fixes it, else a placeholder. */
    refOf(id) {
        const r = this.resources.get(id);
        // The role SAM makes for a function without Role: (`<FunctionId>Role`), named by CloudFormation, the
        // other resources SAM makes, and what a transform or loop not read here may make: placeholders, as
        // the template's own resources are.
        if (!r)
            return this.madeUnwritten(id) ? `\${${id}}` : undefined;
        const principal = PRINCIPAL_TYPES[r.type];
        if (principal)
            return this.nameOf(r, principal.name) ?? `\${${id}}`;
        if (r.type === 'AWS::IAM::ManagedPolicy') {
            const name = this.nameOf(r, 'ManagedPolicyName');
            return name ? this.iamArn('policy', this.pathOf(r), name) : `\${${id}}`;
        }
        return `\${${id}}`;
    }
    /**
     * Whether the stack may have a resource of this id that the template does not write: one SAM makes, or
     * one a transform not applied here or a loop not expanded may make.
     */
    madeUnwritten(id) {
        return this.samGenerates(id) || this.elsewhere(id);
    }
    /**
     * Whether SAM makes a resource of this logical id, which the template may then name
     * (sam-specification-generated-resources): a function's role, the implicit APIs `ServerlessRestApi`
     * and `ServerlessHttpApi` (with their stages and deployments) when an event needs them, the CodeDeploy
     * application and role of gradual deployments (deploysGradually), and `<Id><Suffix>` for a SAM
     * resource `<Id>` (`MyFunctionAliaslive`, `MyApiProdStage`,
     * `MyApiDeployment926eeb5ff1`: some suffixes are hashes, so the suffix is not checked).
     */
    samGenerates(id) {
        if (this.implicitRoleOf(id))
            return true;
        if (GRADUAL_DEPLOYMENT_IDS.has(id) && this.deploysGradually())
            return true;
        for (const api of this.implicitApis().keys())
            if (id.startsWith(api))
                return true;
        // Each shorter prefix looked up: a lookup per character, not a pass over the resources per Ref.
        for (let end = id.length - 1; end > 0; end--)
            if (this.resources.get(id.slice(0, end))?.type.startsWith('AWS::Serverless::'))
                return true;
        return false;
    }
    /**
     * The APIs SAM makes for events that name none, by logical id, with their type: `ServerlessRestApi`
     * for an `Api` event without RestApiId, `ServerlessHttpApi` for an `HttpApi` event without ApiId.
     */
    implicitApis() {
        if (this.implicit)
            return this.implicit;
        const apis = new Map();
        for (const r of this.resources.values()) {
            if (!SAM_ROLE_TYPES.has(r.type) || !r.properties)
                continue;
            const events = (0,nodes/* fieldOf */._F)(r.properties, 'Events');
            for (const event of events?.type === 'object' ? events.values : []) {
                const type = event.type === 'object' ? (0,nodes/* fieldOf */._F)(event, 'Type') : undefined;
                const properties = event.type === 'object' ? (0,nodes/* fieldOf */._F)(event, 'Properties') : undefined;
                const named = (key) => properties?.type === 'object' && (0,nodes/* fieldOf */._F)(properties, key) !== undefined;
                if (type?.type !== 'string')
                    continue;
                if (type.value === 'Api' && !named('RestApiId'))
                    apis.set('ServerlessRestApi', 'AWS::ApiGateway::RestApi');
                if (type.value === 'HttpApi' && !named('ApiId'))
                    apis.set('ServerlessHttpApi', 'AWS::ApiGatewayV2::Api');
            }
        }
        this.implicit = apis;
        return apis;
    }
    /**
     * Whether a function of the template deploys gradually (a DeploymentPreference of its own or in
     * Globals): SAM then makes the stack's CodeDeploy application, `ServerlessDeploymentApplication`, and
     * its service role, `CodeDeployServiceRole` (deployment_preference_collection.py), which the hooks'
     * policies name (`deploymentgroup:${ServerlessDeploymentApplication}/*`).
     */
    deploysGradually() {
        this.gradual ??= [...this.resources.values()].some((r) => r.type === 'AWS::Serverless::Function' &&
            (this.globals.has('DeploymentPreference') ||
                (r.properties !== undefined && (0,nodes/* fieldOf */._F)(r.properties, 'DeploymentPreference') !== undefined)));
        return this.gradual;
    }
    gradual;
    /** The function whose implicit role has this logical id, if any. */
    implicitRoleOf(id) {
        const fn = id.endsWith('Role') ? this.resources.get(id.slice(0, -'Role'.length)) : undefined;
        return fn && SAM_ROLE_TYPES.has(fn.type) ? fn : undefined;
    }
    attributeOf(id, attribute) {
        const r = this.resources.get(id);
        // A managed policy's PolicyArn is what its Ref gives: `!GetAtt P.PolicyArn` names the same policy.
        if (r?.type === 'AWS::IAM::ManagedPolicy' && attribute === 'PolicyArn')
            return this.refOf(id);
        const principal = r && PRINCIPAL_TYPES[r.type];
        if (!r || !principal || attribute !== 'Arn')
            return undefined;
        const name = this.nameOf(r, principal.name);
        return name ? this.iamArn(principal.kind, this.pathOf(r), name) : undefined;
    }
    /** The name property of a resource, evaluated once; undefined when not set (CloudFormation makes one). */
    nameOf(r, property) {
        const key = `${r.id}.${property}`;
        const known = this.names.get(key);
        if (known !== undefined)
            return known;
        const node = r.properties && (0,nodes/* fieldOf */._F)(r.properties, property);
        if (!node)
            return undefined;
        if (this.naming.has(key))
            throw new IntrinsicError(`its ${property} depends on itself`, node);
        this.naming.add(key);
        let name = this.evaluator.string(node);
        this.naming.delete(key);
        if (name === '') {
            // IAM names have at least one character, and CloudFormation checks it before creating anything.
            const parameter = logicalIdOf(node);
            // An empty Default: the stack is made with another value, one not known here.
            if (parameter !== undefined && this.emptyByDefault(parameter)) {
                this.readAsPlaceholder(parameter, node);
                name = `\${${parameter}}`;
            }
            else
                throw new IntrinsicError(`its ${property} is empty, which CloudFormation refuses; give a name, or leave ${property} out and CloudFormation names it` +
                    (parameter !== undefined && this.context.parameters.has(parameter)
                        ? ` (the value of the parameter ${parameter} here: give it under parameters:)`
                        : ''), node);
        }
        if (name !== undefined)
            this.names.set(key, name);
        return name;
    }
    pathOf(r) {
        const node = r.properties && (0,nodes/* fieldOf */._F)(r.properties, 'Path');
        return (node && this.evaluator.string(node)) ?? '/';
    }
    async collect() {
        // A resource that fails here is reported once, not again by the second pass.
        const failed = new Set();
        for (const r of this.resources.values()) {
            try {
                if (!this.included(r))
                    continue;
                const principal = PRINCIPAL_TYPES[r.type];
                if (principal)
                    this.principal(r, principal.kind, principal.name);
            }
            catch (error) {
                this.report(r, error);
                failed.add(r);
            }
        }
        for (const r of this.resources.values()) {
            if (failed.has(r))
                continue;
            try {
                if (!this.included(r))
                    continue;
                await this.attachments(r);
                await this.embeddedConnectors(r);
            }
            catch (error) {
                this.report(r, error);
                failed.add(r);
            }
        }
        for (const r of this.resources.values()) {
            if (r.type !== 'AWS::IAM::ManagedPolicy' || this.policies.has(r.id) || failed.has(r))
                continue;
            try {
                if (this.included(r))
                    this.checkAlone(r);
            }
            catch (error) {
                this.report(r, error);
            }
        }
    }
    /**
     * A managed policy no role, user or group of the template has (nor names by ARN): another stack
     * attaches it (through an export), or someone by hand. It grants what it says to whoever has it, so it
     * is checked as a principal of its own, `arn:…:policy/<name>`, rather than skipped.
     */
    checkAlone(r) {
        const document = r.properties && (0,nodes/* fieldOf */._F)(r.properties, 'PolicyDocument');
        // Without a document, its problem is reported already.
        if (!document)
            return;
        const arn = this.iamArn('policy', this.pathOf(r), this.nameOf(r, 'ManagedPolicyName') ?? `\${${r.id}}`);
        const policy = this.policyResource(r, document);
        if (policy !== undefined)
            this.alone.push({ resource: r, arn, policy });
    }
    report(r, error) {
        if (!(error instanceof IntrinsicError))
            throw error;
        this.fail(error.node, `Resources.${r.id}: ${error.message}`);
    }
    /** Whether a resource is in the stack: its Condition holds, or cannot be decided (then it is kept). */
    included(r) {
        return r.condition === undefined || this.evaluator.condition(r.condition, r.at) !== false;
    }
    principal(r, kind, nameProperty) {
        const existing = this.drafts.get(r.id);
        if (existing)
            return existing;
        const name = this.nameOf(r, nameProperty) ?? `\${${r.id}}`;
        const draft = {
            kind,
            resource: r,
            name,
            arn: this.iamArn(kind, this.pathOf(r), name),
            at: r.at,
            documents: [],
            unresolved: [],
            boundary: null,
            groups: new Set(),
        };
        this.drafts.set(r.id, draft);
        this.named(draft);
        return draft;
    }
    named(draft) {
        for (const name of [draft.name, draft.arn]) {
            const key = `${draft.kind}\u0000${name}`;
            if (!this.draftsByName.has(key))
                this.draftsByName.set(key, draft);
        }
    }
    /** A principal the template does not define, named by a policy that attaches to it. */
    outside(kind, name, at) {
        // CloudFormation refuses the template: a sample's `<lambda-role-name>` left in, say.
        if ((0,accounts/* refusedName */.yy)(name))
            this.fail(at, `${JSON.stringify(name)} is not a ${kind} name, which IAM refuses; expected the name of a ${kind} (letters, digits and +=,.@_-), or a Ref of one`);
        const arn = name.startsWith('arn:') ? name : this.iamArn(kind, '/', name);
        const key = `outside ${arn}`;
        let draft = this.drafts.get(key);
        if (!draft) {
            draft = {
                kind,
                resource: undefined,
                name,
                arn,
                at,
                documents: [],
                unresolved: [],
                boundary: null,
                groups: new Set(),
            };
            this.drafts.set(key, draft);
            this.named(draft);
        }
        return draft;
    }
    /**
     * The principal of a kind that a name (as `Ref` gives it) or an ARN stands for: looked up, not searched
     * for, as a template may name thousands of roles in thousands of policies.
     */
    byName(kind, name, at) {
        const key = `${kind}\u0000${name}`;
        const draft = this.draftsByName.get(key);
        if (draft)
            return draft;
        if (!this.resourcesByRef) {
            this.resourcesByRef = new Map();
            for (const r of this.resources.values()) {
                const principal = PRINCIPAL_TYPES[r.type];
                if (!principal)
                    continue;
                let ref;
                try {
                    ref = this.refOf(r.id);
                }
                catch (error) {
                    // A name that cannot be read is said at its resource, when that is read as a principal.
                    if (!(error instanceof IntrinsicError))
                        throw error;
                }
                const at = `${principal.kind}\u0000${ref}`;
                if (ref !== undefined && !this.resourcesByRef.has(at))
                    this.resourcesByRef.set(at, r);
            }
        }
        const r = this.resourcesByRef.get(key);
        const principal = r && PRINCIPAL_TYPES[r.type];
        return r && principal ? this.principal(r, kind, principal.name) : this.outside(kind, name, at);
    }
    /**
     * An entry of a role's, user's or group's Policies with no PolicyDocument: the key that was meant for
     * it when one is near (`PolicyDocument1`, `policyDocument`), else that it has none.
     */
    missingPolicyDocument(item, at) {
        const expected = 'expected {PolicyName, PolicyDocument}';
        const meant = item.type === 'object'
            ? item.keys.find((k) => k.value !== 'PolicyName' && (0,suggest_name/* suggestName */.S)(k.value, ['PolicyDocument']))
            : undefined;
        if (meant)
            this.fail(meant, `${at}: unknown key ${(0,vocabulary_problems/* quote */.hD)(meant.value)}; did you mean "PolicyDocument"? ${expected}`);
        else if (item.type === 'object')
            this.fail(item, `${at}: it has no PolicyDocument; ${expected}`);
        else
            this.fail(item, `${at}: ${expected}`);
    }
    async attachments(r) {
        if (SAM_ROLE_TYPES.has(r.type))
            return this.serverlessRole(r);
        if (r.type === 'AWS::Serverless::GraphQLApi')
            return this.graphQlApiRoles(r);
        if (r.type === 'AWS::Serverless::CapacityProvider')
            return this.operatorRole(r);
        if (r.type === 'AWS::Serverless::Connector') {
            const props = r.properties ? (0,nodes/* entries */.jO)(r.properties) : new Map();
            return this.connector(r.id, r.at, props, this.sourceOf(r));
        }
        const props = r.properties ? (0,nodes/* entries */.jO)(r.properties) : new Map();
        const source = this.sourceOf(r);
        const principal = PRINCIPAL_TYPES[r.type];
        if (principal) {
            const draft = this.principal(r, principal.kind, principal.name);
            for (const [index, item] of this.list(props.get('Policies')).entries()) {
                const fields = item.type === 'object' ? (0,nodes/* entries */.jO)(item) : undefined;
                const policy = fields?.get('PolicyDocument');
                // An entry a macro writes when the stack is deployed (`Fn::Transform`), or another stack's export.
                const deployed = item.type === 'string' ? this.deployedOnly(item) : undefined;
                if (deployed) {
                    this.unresolved(draft, item, { ...source, part: `Policies[${index}]` }, deployed);
                    continue;
                }
                if (!policy) {
                    this.missingPolicyDocument(item, `Resources.${r.id}.Policies[${index}]`);
                    continue;
                }
                const name = fields?.get('PolicyName');
                const part = (name && this.evaluator.string(name)) ?? `Policies[${index}]`;
                this.addDocument(draft, policy, { ...source, part }, true);
            }
            for (const arn of this.list(props.get('ManagedPolicyArns')))
                await this.attachArn(draft, arn, source);
            const boundary = props.get('PermissionsBoundary');
            if (boundary)
                draft.boundary = await this.documentOfArn(draft, boundary, source, true);
            if (principal.kind === 'user')
                for (const group of this.list(props.get('Groups'))) {
                    const name = this.evaluator.string(group);
                    if (name)
                        draft.groups.add(this.byName('group', name, group));
                }
            return;
        }
        const targets = (property, kind) => this.list(props.get(property)).flatMap((node) => {
            const name = this.evaluator.string(node);
            return name ? [this.byName(kind, name, node)] : [];
        });
        switch (r.type) {
            case 'AWS::IAM::Policy':
            case 'AWS::IAM::ManagedPolicy': {
                const document = props.get('PolicyDocument');
                if (!document) {
                    // Written as a role's inline policies are: the list a role, user or group takes.
                    const policies = props.get('Policies');
                    this.fail(policies ?? r.at, policies
                        ? `Resources.${r.id}: ${r.type} takes no Policies (a role's, user's or group's property); expected its PolicyDocument as a property of its own, with the Roles, Users or Groups it applies to`
                        : `Resources.${r.id}: it has no PolicyDocument; ${r.type} needs one`);
                    return;
                }
                const drafts = [
                    ...targets('Roles', 'role'),
                    ...targets('Users', 'user'),
                    ...targets('Groups', 'group'),
                ];
                const policy = drafts.length > 0 ? this.policyResource(r, document) : undefined;
                for (const draft of drafts) {
                    if (typeof policy === 'string')
                        this.unresolved(draft, document, this.sourceOf(r), policy);
                    else if (policy)
                        draft.documents.push(policy);
                }
                return;
            }
            case 'AWS::IAM::UserToGroupAddition': {
                // Users put in a group: each gets its policies, as a user's own Groups gives them.
                const nameNode = props.get('GroupName');
                const name = nameNode && this.evaluator.string(nameNode);
                if (!nameNode || !name) {
                    this.fail(r.at, `Resources.${r.id}: expected a GroupName`);
                    return;
                }
                const group = this.byName('group', name, nameNode);
                for (const user of targets('Users', 'user'))
                    user.groups.add(group);
                return;
            }
            case 'AWS::IAM::RolePolicy':
            case 'AWS::IAM::UserPolicy':
            case 'AWS::IAM::GroupPolicy': {
                const kind = r.type.slice('AWS::IAM::'.length, -'Policy'.length).toLowerCase();
                const nameNode = props.get(`${kind[0]?.toUpperCase()}${kind.slice(1)}Name`);
                const document = props.get('PolicyDocument');
                const name = nameNode && this.evaluator.string(nameNode);
                if (!nameNode || !name || !document) {
                    this.fail(r.at, `Resources.${r.id}: expected ${kind[0]?.toUpperCase()}${kind.slice(1)}Name and PolicyDocument`);
                    return;
                }
                this.addDocument(this.byName(kind, name, nameNode), document, source);
                return;
            }
        }
    }
    /**
     * A SAM function: with `Role:`, it uses that role (defined or checked elsewhere); without, SAM makes
     * `<Id>Role` with AWSLambdaBasicExecutionRole, the managed policies its settings and event sources
     * need, its PermissionsBoundary, and its `Policies`: documents, AWS managed policy names or ARNs, and
     * SAM policy templates (`S3ReadPolicy: { BucketName: … }`).
     */
    /**
     * The role SAM makes for a function or state machine without `Role:` (`<Id>Role`): what SAM attaches
     * to it, and its `Policies`. A function takes `Globals.Function`; a state machine's role gets X-Ray
     * when its Tracing is enabled, and none of a function's execution policies.
     */
    async serverlessRole(r) {
        const isFunction = r.type === 'AWS::Serverless::Function';
        const own = r.properties ? (0,nodes/* entries */.jO)(r.properties) : new Map();
        const props = isFunction ? new Map([...this.globals, ...own]) : own;
        await this.eventRoles(r, props, isFunction);
        if (isFunction)
            await this.codeDeployRole(r, props);
        if (this.hasRole(props.get('Role'))) {
            this.policiesBesideRole(r, own);
            return;
        }
        const role = this.implicitRole(r);
        const source = this.sourceOf(r);
        const text = (node) => this.evaluator.string(node);
        const implicit = isFunction
            ? implicitManagedPolicies(props, text, this.partition)
            : stateMachinePolicies(props, this.evaluator, this.partition);
        // SAM attaches each managed policy once, whether its settings or its Policies ask for it.
        const attached = new Set();
        for (const name of implicit) {
            const at = { type: 'string', value: name, line: r.at.line, column: r.at.column };
            await this.attachManagedName(role, name, at, { ...source, samImplicit: true }, attached);
        }
        const boundary = props.get('PermissionsBoundary');
        if (boundary)
            role.boundary = await this.documentOfArn(role, boundary, source, true);
        const deadLetter = isFunction ? props.get('DeadLetterQueue') : undefined;
        const deadLetterDocument = deadLetter && deadLetterStatement(deadLetter);
        if (deadLetterDocument)
            this.addDocument(role, deadLetterDocument, { ...source, part: 'DeadLetterQueue' });
        // What its event sources and invoke destinations need: SAM adds it to the role it makes, only, and
        // a policy two events both need (two Kafka sources' secret) once.
        const eventPolicies = new Set();
        for (const { at, part, statements } of isFunction ? functionEventStatements(r.id, props) : []) {
            const document = (0,nodes/* positioned */.lP)({ Version: '2012-10-17', Statement: statements }, at);
            const key = JSON.stringify((0,json_tree/* toValue */.BA)(document));
            if (eventPolicies.has(key))
                continue;
            eventPolicies.add(key);
            this.addDocument(role, document, { ...source, part });
        }
        for (const [index, item] of this.list(props.get('Policies')).entries()) {
            if (item.type === 'string') {
                await this.attachManagedName(role, item.value, item, source, attached);
                continue;
            }
            if (item.type !== 'object') {
                this.fail(item, `Resources.${r.id}.Policies: expected a policy document, a managed policy name or ARN, or a SAM policy template`);
                continue;
            }
            if (item.keys.some((k) => k.value === 'Statement')) {
                this.addDocument(role, item, { ...source, part: `Policies[${index}]` }, true);
                continue;
            }
            const [key] = item.keys;
            const template = key && item.keys.length === 1 ? SAM_POLICY_TEMPLATES[key.value] : undefined;
            if (!key || !template) {
                const name = key?.value ?? '?';
                this.unresolved(role, item, { ...source, part: `Policies[${index}]` }, `${JSON.stringify(name)} is not a SAM policy template (${SAM_POLICY_TEMPLATES_SOURCE} has ${Object.keys(SAM_POLICY_TEMPLATES).length})`);
                continue;
            }
            this.addSamTemplate(role, key.value, template, item.values[0], {
                ...source,
                part: `Policies[${index}]`,
            });
        }
    }
    /**
     * The role SAM makes for a function or state machine that names none: `<Id>Role`, at the resource,
     * with its `RolePath` (a function's from Globals too) as its Path.
     */
    implicitRole(r) {
        const own = r.properties && (0,nodes/* fieldOf */._F)(r.properties, 'RolePath');
        const path = own ?? (r.type === 'AWS::Serverless::Function' ? this.globals.get('RolePath') : undefined);
        return this.samRole(`${r.id}Role`, r.at, r.condition, path);
    }
    /**
     * A role SAM makes (CloudFormation names it), by its logical id, at the line that asks for it, in the
     * stack when the resource that makes it is.
     */
    samRole(id, at, condition, path) {
        const properties = path ? (0,nodes/* positioned */.lP)({ Path: (0,nodes/* written */.Mp)(path) }, at) : undefined;
        return this.principal({ id, type: 'AWS::IAM::Role', at, properties, condition }, 'role', 'RoleName');
    }
    /** A resource's `Connectors`: each a connector `<Id><Name>` from the resource to its Destination. */
    async embeddedConnectors(r) {
        const { connectors } = r;
        if (connectors === undefined)
            return;
        if (connectors.type !== 'object') {
            this.fail(connectors, `Resources.${r.id}.Connectors: expected a mapping of connectors by name`);
            return;
        }
        for (const [i, key] of connectors.keys.entries()) {
            const value = connectors.values[i];
            const props = value.type === 'object' ? (0,nodes/* fieldOf */._F)(value, 'Properties') : undefined;
            if (props?.type !== 'object') {
                this.fail(value, `Resources.${r.id}.Connectors.${key.value}: expected a mapping with Properties`);
                continue;
            }
            const fields = (0,nodes/* entries */.jO)(props);
            fields.set('Source', (0,nodes/* positioned */.lP)({ Id: r.id }, key));
            await this.connector(`${r.id}${key.value}`, key, fields, {
                ...this.sourceOf(r),
                part: `Connectors.${key.value}`,
            });
        }
    }
    /**
     * What an AWS::Serverless::Connector (or an entry of a resource's `Connectors`) grants a role of the
     * template (samtranslator/model/sam_resources.py SamConnector, model/connector/connector.py): for each
     * Destination, the access categories of `Permissions` that SAM's profile for the two resource types
     * puts in a policy of the source's role (or, from an event source, the destination's). Profiles that
     * are resource policies (a queue's, a topic's, a function's permission) grant no role anything. The
     * statements are at `Permissions`, the line to edit; a connector SAM refuses is a problem, as SAM says it.
     */
    async connector(id, at, props, source) {
        const fail = (node, message) => this.fail(node, `Resources.${id}: ${message}`);
        const from = props.get('Source');
        const to = props.get('Destination');
        const permissions = props.get('Permissions');
        if (!from || !to || !permissions) {
            fail(at, 'a connector needs Source, Destination and Permissions');
            return;
        }
        const categories = this.list(permissions).map((node) => this.evaluator.string(node) ?? '');
        const destinations = to.type === 'array' ? to.items : [to];
        for (const [index, destination] of destinations.entries()) {
            const start = this.connectorEnd(from, destination);
            if ('error' in start)
                return fail(from, start.error);
            const end = this.connectorEnd(destination, from);
            if ('error' in end)
                return fail(destination, end.error);
            const grant = connectorGrant(start.type, end.type, categories, {
                'Source.Arn': start.arn,
                'Destination.Arn': end.arn,
                'Destination.Name': end.name,
            });
            if (grant.kind === 'error') {
                fail(permissions, grant.message);
                return;
            }
            if (grant.kind === 'resource-policy')
                continue;
            const role = grant.sourcePolicy ? start.role : end.role;
            if (!role) {
                const side = grant.sourcePolicy ? 'Source' : 'Destination';
                fail(grant.sourcePolicy ? from : destination, `Unable to get IAM role name from '${side}' resource.`);
                return;
            }
            const document = (0,nodes/* positioned */.lP)({ Version: '2012-10-17', Statement: grant.statements }, permissions);
            const part = destinations.length > 1 ? `Destination[${index}]` : undefined;
            this.addDocument(role, document, {
                ...source,
                ...(part && { part: source.part ? `${source.part}.${part}` : part }),
                samConnector: true,
            });
        }
    }
    /**
     * One end of a connector as SAM's get_resource_reference reads it: a resource of the template by
     * `Id` (its type as SAM makes it, its ARN and name as intrinsic functions of it, its role), or `Type`
     * with `Arn`, `Name` and `RoleName` as given. `connecting` is the other end (an events rule's role is
     * that of its target there).
     */
    connectorEnd(node, connecting) {
        const fields = node.type === 'object' ? (0,nodes/* entries */.jO)(node) : undefined;
        if (!fields)
            return { error: "expected a mapping with 'Id', or 'Type' and 'Arn'" };
        const idNode = fields.get('Id');
        const others = [...fields.keys()].filter((k) => k !== 'Id' && k !== 'Qualifier');
        if ((idNode !== undefined) === others.length > 0)
            return {
                error: "Must provide 'Id' (with optional 'Qualifier') or a supported combination of other properties.",
            };
        if (!idNode) {
            const type = fields.get('Type');
            const typeName = type && this.evaluator.string(type);
            if (!typeName)
                return { error: "'Type' is missing or not a string." };
            const arn = fields.get('Arn');
            const name = fields.get('Name');
            const roleNode = fields.get('RoleName');
            const roleName = roleNode && this.evaluator.string(roleNode);
            return {
                type: connectorType(typeName),
                arn: arn && (0,nodes/* written */.Mp)(arn),
                name: name && (0,nodes/* written */.Mp)(name),
                role: roleNode && roleName ? this.byName('role', roleName, roleNode) : undefined,
            };
        }
        const id = idNode.type === 'string' ? idNode.value : undefined;
        const implicitApi = id === undefined ? undefined : this.implicitApis().get(id);
        const r = id === undefined
            ? undefined
            : (this.resources.get(id) ??
                (implicitApi
                    ? { id, type: implicitApi, at: idNode, properties: undefined, condition: undefined }
                    : undefined));
        if (!r)
            return { error: `Unable to find resource with logical ID '${id ?? scalarText(idNode) ?? '?'}'.` };
        const type = connectorType(r.type);
        const outputs = connectorOutputs(type, r.id);
        return { type, arn: outputs.Arn, name: outputs.Name, role: this.connectorRole(r, type, connecting) };
    }
    /** The role of a connector's end, as SAM finds it: the role a function or state machine runs as. */
    connectorRole(r, type, connecting) {
        const props = r.properties ? (0,nodes/* entries */.jO)(r.properties) : new Map();
        if (SAM_ROLE_TYPES.has(r.type)) {
            const role = props.get('Role') ?? (r.type === 'AWS::Serverless::Function' ? this.globals.get('Role') : undefined);
            return this.hasRole(role) ? this.roleOfNode(role) : this.implicitRole(r);
        }
        const property = connectorRoleProperty(type);
        if (property !== 'events-rule')
            return property ? this.roleOfNode(props.get(property)) : undefined;
        // An events rule: the role of its target that is the other end (by logical id, or the same ARN).
        const other = connecting.type === 'object' ? (0,nodes/* entries */.jO)(connecting) : undefined;
        const otherId = other?.get('Id');
        const otherArn = other?.get('Arn');
        // As written, not evaluated: the target's Arn and RoleArn name resources by Ref and Fn::GetAtt.
        const targets = props.get('Targets');
        for (const target of targets?.type === 'array' ? targets.items : []) {
            const arn = target.type === 'object' ? (0,nodes/* fieldOf */._F)(target, 'Arn') : undefined;
            if (!arn || target.type !== 'object')
                continue;
            const sameId = otherId?.type === 'string' && logicalIdOf(arn) === otherId.value;
            const sameArn = otherArn !== undefined && this.evaluator.string(otherArn) === this.evaluator.string(arn);
            if (sameId || sameArn)
                return this.roleOfNode((0,nodes/* fieldOf */._F)(target, 'RoleArn'));
        }
        return undefined;
    }
    /** The role of the template a `Ref` or `Fn::GetAtt` of it names (one SAM makes included); else none. */
    roleOfNode(node) {
        const id = node && logicalIdOf(node);
        if (!id)
            return undefined;
        const r = this.resources.get(id);
        if (r && PRINCIPAL_TYPES[r.type]?.kind === 'role')
            return this.principal(r, 'role', 'RoleName');
        const fn = this.implicitRoleOf(id);
        if (fn)
            return this.implicitRole(fn);
        if (r)
            return undefined;
        // SAM names the role `Ref` of the id, whatever it is: a parameter's value is the role's name (or
        // ARN), and an id that is neither a parameter nor a resource is refused as CloudFormation refuses it.
        const name = this.evaluator.string((0,nodes/* positioned */.lP)({ Ref: id }, node));
        return name ? this.byName('role', name, node) : undefined;
    }
    /**
     * `Policies` beside a `Role` of the resource's own: SAM puts Policies only in the role it makes, so a
     * function's are not attached to anything (samtranslator/model/sam_resources.py), which a notice says
     * where a person reads them as granted; a state machine with both SAM refuses
     * (model/stepfunctions/generators.py), and so a problem, as SAM words it.
     */
    policiesBesideRole(r, own) {
        const policies = own.get('Policies');
        if (!policies || (policies.type === 'array' && policies.items.length === 0))
            return;
        if (r.type === 'AWS::Serverless::StateMachine') {
            this.fail(policies, `Resources.${r.id}: AWS SAM refuses a state machine with both Role and Policies: give one`);
            return;
        }
        this.ignoredPolicies.push({
            file: this.file,
            line: policies.line,
            column: policies.column,
            message: `Resources.${r.id}: its Policies grant nothing: the function has a Role of its own, and AWS SAM puts ` +
                'Policies only in the role it makes; grant them in that Role instead, or leave Role out',
        });
    }
    /**
     * Whether a SAM resource's `Role:` names a role. SAM makes one when it does not: no Role, or one that
     * evaluates to AWS::NoValue — and when an undecided Fn::If may (both branches are then kept).
     */
    hasRole(node) {
        if (!node)
            return false;
        const value = this.evaluator.evaluate(node);
        // A role is one ARN: a list here is an undecided Fn::If's two branches, one of them no role.
        return value !== NO_VALUE && value.type !== 'array';
    }
    /**
     * The roles SAM makes for events that need one to reach their target: a state machine's Api, Schedule
     * and ScheduleV2 (without RoleArn), CloudWatchEvent and EventBridgeRule events
     * (samtranslator/model/stepfunctions/events.py) — `states:StartExecution` on it — and a function's
     * ScheduleV2 events without RoleArn (eventsources/scheduler.py) — `lambda:InvokeFunction` on it. Each is
     * `<Id><Event>Role`, at the event's line, with the resource's PermissionsBoundary.
     */
    async eventRoles(r, props, isFunction) {
        const events = props.get('Events');
        if (events?.type !== 'object')
            return;
        const boundary = props.get('PermissionsBoundary');
        const alias = this.eventTargetAlias(r, props, isFunction);
        const target = alias ? { Ref: alias } : isFunction ? { 'Fn::GetAtt': [r.id, 'Arn'] } : { Ref: r.id };
        for (const [i, key] of events.keys.entries()) {
            const event = events.values[i];
            const fields = event.type === 'object' ? (0,nodes/* entries */.jO)(event) : undefined;
            const type = fields?.get('Type');
            const properties = fields?.get('Properties');
            const kind = type?.type === 'string' ? type.value : '';
            if (!(isFunction ? kind === 'ScheduleV2' : EVENT_ROLES.has(kind)))
                continue;
            // A schedule given a RoleArn uses that role.
            if (kind.startsWith('Schedule') && properties?.type === 'object' && (0,nodes/* fieldOf */._F)(properties, 'RoleArn'))
                continue;
            const role = this.samRole(`${r.id}${key.value}Role`, key, r.condition);
            const action = isFunction ? 'lambda:InvokeFunction' : 'states:StartExecution';
            const statement = { Effect: 'Allow', Action: action, Resource: target };
            // A scheduler's dead-letter queue is sent to by its role (an events rule's, by the queue's policy).
            const deadLetter = kind === 'ScheduleV2' ? scheduleDeadLetterStatements(`${r.id}${key.value}`, properties) : [];
            const document = (0,nodes/* positioned */.lP)({ Version: '2012-10-17', Statement: [statement, ...deadLetter] }, key);
            const source = { ...this.sourceOf(r), part: `Events.${key.value}` };
            this.addDocument(role, document, source);
            if (boundary)
                role.boundary = await this.documentOfArn(role, boundary, source, true);
        }
    }
    /**
     * The alias SAM points a function's or state machine's events at, by logical id: a function's
     * AutoPublishAlias (`<Id>Alias<Name>`, hyphens and underscores as D and U) takes every event; a state
     * machine's only with UseAliasAsEventTarget (samtranslator sam_resources.py, stepfunctions/generators.py).
     */
    eventTargetAlias(r, props, isFunction) {
        const node = props.get('AutoPublishAlias');
        const name = node && this.evaluator.string(node);
        if (!name || name.includes('${'))
            return undefined;
        if (isFunction)
            return `${r.id}Alias${name.replaceAll('-', 'D').replaceAll('_', 'U')}`;
        const use = props.get('UseAliasAsEventTarget');
        return use && flagOf(this.evaluator.evaluate(use)) ? `${r.id}Alias${name}` : undefined;
    }
    /**
     * The roles SAM makes for an AWS::Serverless::GraphQLApi (samtranslator/model/sam_resources.py,
     * SamGraphQLApi): `<Id>CloudWatchRole` for its logs, with AWS's AWSAppSyncPushToCloudWatchLogs, unless
     * `Logging` is false or gives a CloudWatchLogsRoleArn; and for each DynamoDb and Lambda data source
     * without a ServiceRoleArn, `<Id><Name>DynamoDBDataSourceRole` or `<Id><Name>LambdaDataSourceRole`, with
     * what SAM's connector from an AppSync data source to the table or function grants
     * (connector_profiles/profiles.json): Read and Write of the table and its indexes (or the `Permissions`
     * given), the function's invocation. Each at the line that asks for it.
     */
    async graphQlApiRoles(r) {
        const props = r.properties ? (0,nodes/* entries */.jO)(r.properties) : new Map();
        const source = this.sourceOf(r);
        const logging = props.get('Logging');
        const value = logging && this.evaluator.evaluate(logging);
        const off = value !== undefined && flagOf(value) === false;
        const own = value !== undefined && value !== NO_VALUE && value.type === 'object';
        if (!off && !(own && (0,nodes/* fieldOf */._F)(value, 'CloudWatchLogsRoleArn'))) {
            const at = logging ?? r.at;
            const arn = `arn:${this.partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs`;
            await this.attachArn(this.samRole(`${r.id}CloudWatchRole`, at, r.condition), { type: 'string', value: arn, line: at.line, column: at.column }, { ...source, part: 'Logging' });
        }
        const dataSources = props.get('DataSources');
        const kinds = dataSources?.type === 'object' ? (0,nodes/* entries */.jO)(dataSources) : new Map();
        for (const [kind, suffix] of [
            ['DynamoDb', 'DynamoDB'],
            ['Lambda', 'Lambda'],
        ]) {
            const group = kinds.get(kind);
            if (group?.type !== 'object')
                continue;
            for (const [i, key] of group.keys.entries()) {
                const fields = group.values[i]?.type === 'object' ? (0,nodes/* entries */.jO)(group.values[i]) : undefined;
                if (!fields || fields.has('ServiceRoleArn'))
                    continue;
                const grant = dataSourceGrant(kind, fields, this.list(fields.get('Permissions')), this.evaluator);
                if (grant.kind === 'error') {
                    this.fail(fields.get('Permissions') ?? key, `Resources.${r.id}.DataSources.${kind}.${key.value}: ${grant.message}`);
                    continue;
                }
                if (grant.kind !== 'policy')
                    continue;
                const document = (0,nodes/* positioned */.lP)({ Version: '2012-10-17', Statement: grant.statements }, key);
                this.addDocument(this.samRole(`${r.id}${key.value}${suffix}DataSourceRole`, key, r.condition), document, { ...source, part: `DataSources.${kind}.${key.value}`, samConnector: true });
            }
        }
    }
    /**
     * The operator role SAM makes for an AWS::Serverless::CapacityProvider without an OperatorRole
     * (samtranslator/model/capacity_provider/generators.py), nor one from `Globals: CapacityProvider:`:
     * `<Id>OperatorRole`, with AWS's policy for Lambda to manage the provider's EC2 instances.
     */
    async operatorRole(r) {
        const own = r.properties ? (0,nodes/* entries */.jO)(r.properties) : new Map();
        if (this.hasRole(own.get('OperatorRole') ?? this.providerGlobals.get('OperatorRole')))
            return;
        const role = this.samRole(`${r.id}OperatorRole`, r.at, r.condition);
        const arn = `arn:${this.partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator`;
        await this.attachArn(role, { type: 'string', value: arn, line: r.at.line, column: r.at.column }, this.sourceOf(r));
    }
    /**
     * The CodeDeploy service role SAM makes once for a template whose functions have a
     * DeploymentPreference without a Role of its own (deployment_preference_collection.py): at the first
     * such function's DeploymentPreference, with AWS's policy for CodeDeploy on Lambda.
     */
    async codeDeployRole(r, props) {
        const preference = props.get('DeploymentPreference');
        if (preference?.type !== 'object' || this.drafts.has('CodeDeployServiceRole'))
            return;
        const value = this.evaluator.evaluate(preference);
        const fields = value !== NO_VALUE && value.type === 'object' ? value : undefined;
        const enabled = fields && (0,nodes/* fieldOf */._F)(fields, 'Enabled');
        if ((fields && (0,nodes/* fieldOf */._F)(fields, 'Role')) || (enabled && flagOf(enabled) === false))
            return;
        const role = this.samRole('CodeDeployServiceRole', preference, undefined);
        // Only the two partitions SAM names keep the older, limited policy.
        const name = ['aws-iso', 'aws-iso-b'].includes(this.partition)
            ? 'AWSCodeDeployRoleForLambdaLimited'
            : 'AWSCodeDeployRoleForLambda';
        const arn = `arn:${this.partition}:iam::aws:policy/service-role/${name}`;
        await this.attachArn(role, { type: 'string', value: arn, line: preference.line, column: preference.column }, { ...this.sourceOf(r), part: 'DeploymentPreference' });
    }
    /** A SAM policy template, its parameters given in the function's Policies entry. */
    addSamTemplate(role, name, template, given, source) {
        const values = new Map();
        const args = given.type === 'object' ? (0,nodes/* entries */.jO)(given) : new Map();
        for (const parameter of template.parameters) {
            const node = args.get(parameter);
            if (!node) {
                this.fail(given, `${name}: the SAM policy template needs ${template.parameters.join(', ')}; ${parameter} is missing`);
                return;
            }
            values.set(parameter, this.evaluator.string(node) ?? `\${${parameter}}`);
        }
        const expander = new Evaluator({ ...this.context, parameters: values, refOf: () => undefined });
        const definition = expander.evaluate((0,nodes/* positioned */.lP)(template.definition, given));
        if (definition === NO_VALUE)
            return;
        const { policy, problems } = (0,parse_policy/* policyFromTree */.pD)(this.file, definition);
        for (const p of problems)
            this.fail(given, `${name}: ${p.message}`);
        if (policy)
            role.documents.push({ ...this.shaped(policy), source: { ...source, samPolicyTemplate: name } });
    }
    /** An AWS managed policy named by name (as SAM accepts it) or by ARN. */
    async attachManagedName(draft, name, at, source, attached) {
        const given = name.startsWith('arn:') || name.includes('${');
        const arn = given ? name : (await this.options.managedPolicies()).arnOfName(name);
        // Once per role, when the caller keeps count: by ARN, else by the name as written.
        if (attached?.has(arn ?? name))
            return;
        attached?.add(arn ?? name);
        if (given)
            return this.attachArn(draft, { ...at, type: 'string', value: name }, source);
        if (arn)
            return this.attachArn(draft, { type: 'string', value: arn, line: at.line, column: at.column }, source);
        this.unresolved(draft, at, source, `${JSON.stringify(name)} is neither an AWS managed policy of the snapshot nor an ARN`);
    }
    /** A policy that applies to the principal but cannot be resolved: an unresolved-policy finding. */
    unresolved(draft, at, source, reason, named) {
        draft.unresolved.push({ ...this.unresolvedAt(at, source, draft.name, reason), ...named });
        return null;
    }
    unresolvedAt(at, source, name, reason) {
        return {
            file: this.file,
            line: at.line,
            column: at.column,
            address: (0,policy/* codeAddress */.as)(source) ?? name,
            reason,
            source,
        };
    }
    /** Where a document written literally in a YAML template can be edited in place, if it can. */
    withSite(policy, document) {
        const { text } = this.options;
        if (text === undefined)
            return policy;
        // Worked out when asked for: only suggestions, with usage, edit the template.
        let site = null;
        const file = this.file;
        return Object.defineProperty(policy, 'site', {
            enumerable: true,
            get: () => {
                if (site === null)
                    site = yamlSite(file, text, document, policy.statements.length);
                return site;
            },
        });
    }
    /** What a document written by a resource says of where it comes from. */
    sourceOf(r) {
        return {
            kind: 'cloudformation',
            template: this.file,
            logicalId: r.id,
            ...(r.cdkPath !== undefined && { cdkPath: r.cdkPath }),
        };
    }
    list(node) {
        if (!node)
            return [];
        const value = this.evaluator.evaluate(node);
        if (value === NO_VALUE)
            return [];
        return value.type === 'array' ? value.items : [value];
    }
    addDocument(draft, node, source, evaluated = false) {
        const document = this.documentOf(node, source, evaluated, (reason, at) => this.unresolved(draft, at, source, reason));
        if (document)
            draft.documents.push(document);
    }
    /**
     * Why a document that evaluates to one placeholder, not a policy, is known only when the stack is
     * deployed (`Fn::Transform` of an AWS::Include snippet or a macro, another stack's export, a parameter
     * with no value here); undefined for any other value. Its text is no JSON to read.
     */
    deployedOnly(value) {
        if (value.type !== 'string')
            return undefined;
        const [one, ...more] = (0,placeholders/* placeholdersOf */.iJ)(value.value);
        if (!one || more.length > 0 || one.start !== 0 || one.end !== value.value.length)
            return undefined;
        const text = value.value;
        if (text === '${Fn::Transform}')
            return 'the policy document is made by Fn::Transform (an AWS::Include snippet, or a macro), which CloudFormation runs only when it deploys the stack';
        if (text.startsWith('${ImportValue:'))
            return `the policy document is ${text}, another stack's export (Fn::ImportValue), known only where it is deployed`;
        if (text.startsWith('${Resolve:'))
            return `the policy document is ${text}, ${DYNAMIC_REFERENCE}`;
        const missing = unknownParameters(value, this.context.parameters);
        if (missing.length > 0)
            return `the policy document is the parameter ${missing.join(', ')}, which has no value here (give it under parameters: to check it)`;
        return `the policy document is ${text}, known only when the stack is deployed`;
    }
    /**
     * A policy document written in the template, read as a policy (its problems reported at its lines);
     * `evaluated`: the node's intrinsics are evaluated already (an item of a list read with list()).
     */
    documentOf(node, source, evaluated, 
    /** Told why, when the document is known only when the stack is deployed (deployedOnly). */
    unresolved) {
        const value = evaluated ? node : this.evaluator.evaluate(node);
        if (value === NO_VALUE)
            return undefined;
        const deployed = this.deployedOnly(value);
        if (deployed) {
            unresolved(deployed, value);
            return undefined;
        }
        if (value.type === 'string')
            return this.documentOfText(value, source);
        const read = (0,parse_policy/* policyFromTree */.pD)(this.file, value);
        const { policy, problems } = read.policy ? read : this.withDefaultsNotGiven(node, value, evaluated, read);
        const given = problems.length > 0 ? this.parametersIn(value) : undefined;
        for (const p of problems) {
            // `Resource: !Ref Topic` with `Default: ''`, `!Sub ec2:${Action}` without one: the parameter to give.
            const why = given?.get(`${p.line}:${p.column}`);
            this.fail({ type: 'null', value: null, line: p.line ?? 1, column: p.column ?? 1 }, why ? `${p.message} (${why}: give it under parameters:)` : p.message);
        }
        if (!policy)
            return undefined;
        return this.withSite({ ...this.shaped(policy), source }, value);
    }
    /**
     * The document with each resource that names one of the template's resources by `Ref` or `GetAtt`,
     * where its type fixes the shape (`${Bucket.Arn}` is `arn:aws:s3:::<name>`), given that shape with a
     * stand-in name (cloudFormationShape): the resource-type checks read it, so s3:GetObject on a bucket's
     * Arn grants nothing, as on the bucket's ARN written out.
     */
    shaped(policy) {
        const standIn = (inner) => {
            const dot = inner.indexOf('.');
            const type = this.resources.get(dot < 0 ? inner : inner.slice(0, dot))?.type;
            return type === undefined
                ? undefined
                : (0,reference_shapes/* cloudFormationShape */.y)(type, dot < 0 ? 'Ref' : inner.slice(dot + 1));
        };
        let changed = false;
        const statements = policy.statements.map((statement) => {
            if (!statement.resources.some((r) => r.value.includes('${')))
                return statement;
            const resources = statement.resources.map((r) => {
                if (!r.value.includes('${'))
                    return r;
                const shape = (0,placeholders/* replacePlaceholders */.Lb)(r.value, (whole, inner) => standIn(inner) ?? whole);
                return shape === r.value ? r : { ...r, shape };
            });
            if (resources.every((r, i) => r === statement.resources[i]))
                return statement;
            changed = true;
            return { ...statement, resources };
        });
        return changed ? { ...policy, statements } : policy;
    }
    /**
     * A document that is not valid with the empty Default of a parameter the config does not give, read
     * with that parameter's value not known here: a stack made with that Default is refused, so it is made
     * with another value (`Resource: !Ref TopicArn`, `!If [HasKey, {…}, !Ref AWS::NoValue]` as the only
     * statement, both with `Default: ''`). As when there is no Default: a placeholder, and both branches
     * of each condition on it.
     */
    withDefaultsNotGiven(node, value, evaluated, read) {
        const empty = [...this.context.parameters.keys()].filter((p) => this.emptyByDefault(p));
        if (empty.length === 0)
            return read;
        // A list's item is a copy where evaluating it changed it, in the place of what the template writes.
        const written = evaluated ? this.writtenAt(value) : node;
        if (!written)
            return read;
        const parameters = new Map(this.context.parameters);
        for (const p of empty)
            parameters.set(p, `\${${p}}`);
        this.withoutEmptyDefaults ??= new Evaluator({ ...this.context, parameters });
        let again;
        try {
            again = this.withoutEmptyDefaults.evaluate(written);
        }
        catch (e) {
            if (e instanceof IntrinsicError)
                return read;
            throw e;
        }
        const used = namesReferenced(written, this.context.conditions, this.namesBudget)?.filter((p) => empty.includes(p));
        if (!used?.length || again === NO_VALUE || again.type === 'string')
            return read;
        const parsed = (0,parse_policy/* policyFromTree */.pD)(this.file, again);
        if (!parsed.policy)
            return read;
        const sorted = used.sort();
        const many = sorted.length > 1;
        const names = many
            ? `parameters ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`
            : `parameter ${sorted[0]}`;
        this.emptyDefaultNotes.set(`${node.line}:${node.column}`, {
            file: this.file,
            line: node.line,
            column: node.column,
            message: `the ${names} ${many ? 'are' : 'is'} empty by Default, with which this policy is not valid (a stack made so ` +
                `is refused): it was read with ${many ? 'their values' : 'that value'} not known here, both branches of each ` +
                `condition on ${many ? 'them' : 'it'} checked (give ${many ? 'them' : 'it'} under parameters:)`,
        });
        return parsed;
    }
    /**
     * Where a document holds a parameter's value that is not one (the empty value, or the placeholder of a
     * parameter with no Default and none in the config), by `line:column`, and which parameter.
     */
    parametersIn(node) {
        const found = new Map();
        const visit = (n) => {
            const at = `${n.line}:${n.column}`;
            const empty = emptyParameterOf(n);
            if (empty)
                found.set(at, `the value of the parameter ${empty} here`);
            else if (n.type === 'string') {
                const missing = unknownParameters(n, this.context.parameters);
                if (missing.length > 0)
                    found.set(at, `it depends on the parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${missing.length > 1 ? 'have' : 'has'} no value here`);
            }
            if (n.type === 'array')
                n.items.forEach(visit);
            if (n.type === 'object')
                n.values.forEach(visit);
        };
        visit(node);
        return found;
    }
    /** The template's lines, split once for all its documents written as strings. */
    textLines(text) {
        this.lines ??= text.split(/\r?\n|\r/);
        return this.lines;
    }
    /**
     * A policy document written as a string of JSON, which CloudFormation takes too (`PolicyDocument: |`
     * and the JSON, or `!Sub |`): at the lines of the block that holds it, else all at the string. It is
     * not edited in place: suggestions give it as JSON.
     */
    documentOfText(value, source) {
        const move = (this.options.text !== undefined && blockPositions(this.textLines(this.options.text), value)) ||
            (() => ({ line: value.line, column: value.column }));
        const { policy, problems } = (0,parse_policy/* parsePolicyFully */.IU)(this.file, value.value);
        for (const p of problems) {
            const at = move({ line: p.line ?? 1, column: p.column ?? 1 });
            this.fail({ type: 'null', value: null, ...at }, `${p.message} (in the policy document written as a string)`);
        }
        return policy && { ...(0,place/* movePolicy */.gE)(policy, move), source };
    }
    /**
     * The document of an AWS::IAM::Policy or ManagedPolicy: read once, however many principals it is
     * attached to (by its Roles/Users/Groups or by ARN), so its problems are reported once too; why not,
     * when it is known only when the stack is deployed (deployedOnly).
     */
    policyResource(r, document) {
        if (!this.policies.has(r.id)) {
            let deployed;
            const doc = this.documentOf(document, this.sourceOf(r), false, (reason) => {
                deployed = reason;
            });
            if (deployed !== undefined) {
                this.policies.set(r.id, deployed);
                return deployed;
            }
            // A managed policy's ARN (what `Ref` gives): a statement may name the policy it is in.
            const arn = doc && r.type === 'AWS::IAM::ManagedPolicy' ? this.managedPolicyArn(r) : undefined;
            this.policies.set(r.id, arn === undefined ? doc : { ...doc, arn });
        }
        return this.policies.get(r.id);
    }
    /** A managed policy's ARN, or its placeholder; undefined when its name cannot be read (said elsewhere). */
    managedPolicyArn(r) {
        try {
            return this.refOf(r.id);
        }
        catch (e) {
            if (e instanceof IntrinsicError)
                return undefined;
            throw e;
        }
    }
    async attachArn(draft, node, source) {
        const doc = await this.documentOfArn(draft, node, source);
        if (doc)
            draft.documents.push(doc);
    }
    /** The document of a policy attached by ARN: an AWS managed one, or one this template defines. */
    async documentOfArn(draft, node, source, asBoundary = false) {
        const value = this.evaluator.evaluate(node);
        // `!If [HasBoundary, !Ref Boundary, !Ref AWS::NoValue]` decided false: no policy. Undecided (both
        // branches, one of them none), none too: a boundary only takes permissions away.
        if (value === NO_VALUE || value.type === 'array')
            return null;
        const arn = value.type === 'string' ? value.value : undefined;
        const unresolved = (reason) => this.unresolved(draft, node, source, reason);
        // An empty one: a CommaDelimitedList parameter whose Default is '' gives [''] (cfn_nag's group_with_cdl).
        if (value.type === 'string' && arn === '')
            return unresolved('the policy ARN is empty');
        if (!arn)
            return unresolved(`the policy ARN is ${value.type === 'object' ? 'a mapping' : value.type}, not a string`);
        if ((0,managed_policies/* isAwsManagedPolicyArn */.i6)(arn)) {
            const snapshot = await this.options.managedPolicies();
            const text = snapshot.document(arn);
            if (!text)
                return unresolved((0,managed_policies/* notInSnapshot */.$J)(arn, snapshot));
            const policy = managedDocument(this.file, arn, text);
            if (!policy)
                return unresolved(`${arn}: its snapshot document could not be read`);
            return {
                ...(0,place/* placePolicyAt */.zq)(policy, { line: node.line, column: node.column }),
                source: {
                    kind: 'aws-managed-policy',
                    arn,
                    ...attachedBy(source),
                    document: 'snapshot',
                    version: `${snapshot.version} (${snapshot.date.slice(0, 10)})`,
                },
            };
        }
        const { byArn, error } = this.managedPolicyByArn();
        const r = byArn.get(arn);
        // A policy whose name could not be read might be the one meant: its error says why.
        if (!r && error)
            throw error;
        if (!r) {
            const why = this.notDefined(arn, value);
            // Written out, or imported by name, it may be one another template defines.
            const imported = /^\$\{ImportValue:([^${}]+)\}$/.exec(arn)?.[1];
            if (arn.includes('${') && imported === undefined)
                return unresolved(why);
            const named = imported === undefined ? { policyArn: arn } : { importName: imported };
            return this.unresolved(draft, node, source, why, { ...named, ...(asBoundary && { asBoundary }) });
        }
        const document = r.properties && (0,nodes/* fieldOf */._F)(r.properties, 'PolicyDocument');
        if (!document)
            return unresolved(`${r.id} has no PolicyDocument`);
        const policy = this.policyResource(r, document);
        return typeof policy === 'string' ? unresolved(policy) : (policy ?? null);
    }
    /**
     * Why a policy attached by ARN is not one this template defines: the parameter with no value it is
     * made of (`!Ref BoundaryArn` with no Default and none in the config), another stack's export, which
     * no parameter makes known, or none of those.
     */
    notDefined(arn, value) {
        if (arn === '${Fn::Transform}')
            return 'the policy is made by Fn::Transform (an AWS::Include snippet, or a macro), which CloudFormation runs only when it deploys the stack';
        if (arn.startsWith('${ImportValue:'))
            return `${arn} is another stack's export (Fn::ImportValue), known only where it is deployed`;
        if (arn.startsWith('${Resolve:'))
            return `${arn} is ${DYNAMIC_REFERENCE}`;
        const missing = unknownParameters(value, this.context.parameters);
        if (missing.length === 0)
            return `${arn} is a policy this template does not define`;
        const many = missing.length > 1;
        return `${arn} depends on the parameter${many ? 's' : ''} ${missing.join(', ')}, which ${many ? 'have' : 'has'} no value here (give ${many ? 'them' : 'it'} under parameters: to check the policy it names)`;
    }
    /**
     * The template's AWS::IAM::ManagedPolicy resources by what `Ref` gives for each (the first of a
     * kind), and the first error reading one's name; worked out once, not per ARN that is looked up.
     */
    managedPolicyByArn() {
        if (!this.managedPolicies) {
            const byArn = new Map();
            let error;
            for (const r of this.resources.values()) {
                if (r.type !== 'AWS::IAM::ManagedPolicy')
                    continue;
                try {
                    const arn = this.refOf(r.id);
                    if (arn !== undefined && !byArn.has(arn))
                        byArn.set(arn, r);
                }
                catch (e) {
                    if (!(e instanceof IntrinsicError))
                        throw e;
                    error ??= e;
                }
            }
            this.managedPolicies = error ? { byArn, error } : { byArn };
        }
        return this.managedPolicies;
    }
    /**
     * The stacks this template nests, with the parameters it passes them (evaluated here: what is not
     * known stays a placeholder, which the nested template then carries). A template in the repository is
     * a relative TemplateURL or SAM Location (as `aws cloudformation package` and SAM read them), or CDK's
     * asset path; an S3 or HTTPS URL, or a Serverless Application Repository app, is elsewhere.
     */
    nestedStacks() {
        const nested = [];
        for (const r of this.resources.values()) {
            if (r.type !== 'AWS::CloudFormation::Stack' && r.type !== 'AWS::Serverless::Application')
                continue;
            try {
                if (!this.included(r))
                    continue;
                nested.push({
                    logicalId: r.id,
                    line: r.at.line,
                    column: r.at.column,
                    location: this.nestedLocation(r),
                    parameters: this.nestedParameters(r),
                });
            }
            catch (error) {
                this.report(r, error);
            }
        }
        return nested;
    }
    nestedLocation(r) {
        if (r.assetPath !== undefined)
            return { path: r.assetPath };
        const property = r.type === 'AWS::CloudFormation::Stack' ? 'TemplateURL' : 'Location';
        const node = r.properties && (0,nodes/* fieldOf */._F)(r.properties, property);
        if (!node)
            return { elsewhere: `it has no ${property}` };
        if (node.type === 'object' && r.type === 'AWS::Serverless::Application')
            return { elsewhere: 'it is an application of the AWS Serverless Application Repository' };
        const url = this.evaluator.string(node);
        if (url === undefined)
            return { elsewhere: `its ${property} is not a string` };
        // What Systems Manager holds when the stack is deployed: no path of the repository to match.
        if (url.startsWith('${Resolve:'))
            return { elsewhere: `its ${property} is ${url}, ${DYNAMIC_REFERENCE}` };
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.includes('${'))
            return { elsewhere: `its template is at ${url}, not in the repository`, url };
        return { path: url };
    }
    nestedParameters(r) {
        const parameters = new Map();
        const node = r.properties && (0,nodes/* fieldOf */._F)(r.properties, 'Parameters');
        if (node?.type !== 'object')
            return parameters;
        node.keys.forEach((key, i) => {
            const value = this.evaluator.evaluate(node.values[i]);
            if (value === NO_VALUE)
                return;
            const text = value.type === 'array' ? value.items.map((item) => scalarText(item)).join(',') : scalarText(value);
            if (text !== undefined)
                parameters.set(key.value, text);
        });
        return parameters;
    }
    /**
     * What a person should know of how the template was read: conditions an Fn::If could not decide (both
     * branches were kept), AWS::IAM::Policy resources no principal here has, and the permission sets, which
     * are not checked.
     */
    notes() {
        return [
            ...this.undecidedConditions(),
            ...this.emptyDefaultNotes.values(),
            ...this.ignoredPolicies,
            ...this.unattached(),
            ...this.permissionSets(),
            ...this.leftOutByConditions(),
        ];
    }
    /**
     * The resources that would grant IAM permissions but are not in the stack with the parameters read
     * here: a Condition false by the parameters' defaults (aws-cloudformation-templates' managed AD
     * template makes its domain-join roles only for `CreateLinuxEC2DomainJoinResources: 'Yes'`). What they
     * grant is checked nowhere, so it is said, once for the template, with how to have them checked.
     */
    leftOutByConditions() {
        const left = [...this.resources.values()].filter((r) => r.condition !== undefined && GRANTING_TYPES.has(r.type) && !this.includedQuietly(r));
        const [first] = left;
        if (!first)
            return [];
        const one = left.length === 1;
        const conditions = [...new Set(left.map((r) => r.condition))];
        const which = one
            ? `Resources.${first.id} (${first.type}) is`
            : `${left.length} resources that grant IAM permissions (${(0,vocabulary_problems/* previewList */.$8)(left.map((r) => `Resources.${r.id}`), 3)}) are`;
        return [
            {
                file: this.file,
                line: first.at.line,
                column: first.at.column,
                message: `${which} not in the stack with the parameters read here: ` +
                    `${conditions.length === 1 ? 'the condition' : 'the conditions'} ${(0,vocabulary_problems/* previewList */.$8)(conditions, 3)} ` +
                    `${conditions.length === 1 ? 'is' : 'are'} false, so what ${one ? 'it grants' : 'they grant'} is not checked ` +
                    `(give the parameters that make ${conditions.length === 1 ? 'it' : 'them'} true under parameters: to check ${one ? 'it' : 'them'})`,
            },
        ];
    }
    /** Whether a parameter is empty by its Default, the config giving it no value. */
    emptyByDefault(parameter) {
        return this.context.parameters.get(parameter) === '' && !this.options.parameters.has(parameter);
    }
    /** The mapping a resource's properties write where `value` is, if any. */
    writtenAt(value) {
        if (!this.mappingsByPlace) {
            // Made once: a template of many such documents is read once, not once per document.
            this.mappingsByPlace = new Map();
            const stack = [];
            for (const r of this.resources.values())
                if (r.properties)
                    stack.push(r.properties);
            for (let n = stack.pop(); n; n = stack.pop()) {
                if (n.type === 'array')
                    (0,lists/* append */.BC)(stack, n.items);
                if (n.type !== 'object')
                    continue;
                const place = `${n.line}:${n.column}`;
                if (!this.mappingsByPlace.has(place))
                    this.mappingsByPlace.set(place, n);
                (0,lists/* append */.BC)(stack, n.values);
            }
        }
        return this.mappingsByPlace.get(`${value.line}:${value.column}`);
    }
    readAsPlaceholder(parameter, { line, column }) {
        this.emptyDefaultNotes.set(`${line}:${column}`, {
            file: this.file,
            line,
            column,
            message: `the parameter ${parameter} is empty by Default, which is no valid value here: read as \${${parameter}}, ` +
                'a value not known here (give it under parameters:)',
        });
    }
    /**
     * An AWS::IAM::Policy whose Roles, Users and Groups name none here (all dropped by conditions, say):
     * what it grants is checked nowhere. A managed policy no one here has is checked on its own instead.
     */
    unattached() {
        const notes = [];
        for (const r of this.resources.values()) {
            if (r.type !== 'AWS::IAM::Policy')
                continue;
            if (this.policies.has(r.id) || !this.includedQuietly(r))
                continue;
            notes.push({
                file: this.file,
                line: r.at.line,
                column: r.at.column,
                message: `Resources.${r.id}: no role, user or group in this template has this policy (it is attached elsewhere, or by what is not read here), ` +
                    'so what it grants is not checked',
            });
        }
        return notes;
    }
    /**
     * An IAM Identity Center permission set with policies (inline, AWS or customer managed, a boundary):
     * not checked, and said so rather than skipped in silence.
     */
    permissionSets() {
        const notes = [];
        const sets = [];
        for (const r of this.resources.values()) {
            if (r.type !== 'AWS::SSO::PermissionSet' || !this.includedQuietly(r))
                continue;
            const given = PERMISSION_SET_POLICIES.filter((p) => r.properties && (0,nodes/* fieldOf */._F)(r.properties, p));
            if (given.length === 0)
                continue;
            sets.push(r);
            notes.push({
                file: this.file,
                line: r.at.line,
                column: r.at.column,
                message: `Resources.${r.id}: the ${given.join(' and ')} of this IAM Identity Center permission set are not checked: ${policy_source/* PERMISSION_SETS_UNREAD */.IF}`,
            });
        }
        // Past a few, one notice for the template (an organisation's hundred permission sets in one file).
        const [first] = sets;
        if (!first || sets.length <= policy_source/* PERMISSION_SETS_NOTED_ALONE */.Lx)
            return notes;
        return [
            {
                file: this.file,
                line: first.at.line,
                column: first.at.column,
                message: `${sets.length} IAM Identity Center permission sets with policies are not checked ` +
                    `(${(0,vocabulary_problems/* previewList */.$8)(sets.map((r) => `Resources.${r.id}`), 3)}): ${policy_source/* PERMISSION_SETS_UNREAD */.IF}`,
            },
        ];
    }
    /** Whether a resource is in the stack; false when that cannot be read (its error is reported once already). */
    includedQuietly(r) {
        try {
            return this.included(r);
        }
        catch (error) {
            if (error instanceof IntrinsicError)
                return false;
            throw error;
        }
    }
    /** Conditions an Fn::If could not decide (their parameters are not known): both branches were kept. */
    undecidedConditions() {
        return [...this.evaluator.undecided].map((name) => {
            const conditions = this.context.conditions;
            const key = conditions?.type === 'object' ? conditions.keys.find((k) => k.value === name) : undefined;
            return {
                file: this.file,
                line: key?.line ?? 1,
                column: key?.column ?? 1,
                message: `the condition ${name} depends on values not known here (give its parameters under parameters:, or account: and region:): ` +
                    'both branches of each Fn::If on it were checked',
            };
        });
    }
    principals() {
        const out = [];
        const alone = (0,policy_source/* groupsCheckedAlone */.PV)(this.drafts.values());
        const exports = this.exports();
        const exportedAs = (id) => exports.get(id) ?? [];
        for (const draft of this.drafts.values()) {
            if (draft.kind === 'group' && !alone.has(draft))
                continue;
            const documents = [...draft.documents];
            const unresolved = [...draft.unresolved];
            // Its name (`Value: !Ref Role`), which another template's `Roles: [!ImportValue …]` may name.
            const names = draft.resource ? exportedAs(draft.resource.id) : [];
            for (const group of draft.groups) {
                (0,lists/* append */.BC)(documents, group.documents);
                (0,lists/* append */.BC)(unresolved, group.unresolved);
            }
            out.push({
                arn: draft.arn,
                source: {
                    ...this.principalSource(draft.resource?.id ?? draft.name, draft.resource),
                    line: draft.at.line,
                },
                policies: documents,
                boundary: draft.boundary,
                unresolved,
                lifecycle: draft.arn.includes('${') ? 'unknown' : 'exists',
                ...(draft.groups.size > 0 && { groups: [...draft.groups].map((g) => g.arn) }),
                ...(names.length > 0 && { exports: names }),
            });
        }
        for (const { resource, arn, policy } of this.alone) {
            const source = this.sourceOf(resource);
            const names = exportedAs(resource.id);
            out.push({
                arn,
                source: { ...this.principalSource(resource.id, resource), line: resource.at.line },
                policies: typeof policy === 'string' ? [] : [policy],
                boundary: null,
                unresolved: typeof policy === 'string' ? [this.unresolvedAt(resource.at, source, resource.id, policy)] : [],
                lifecycle: arn.includes('${') ? 'unknown' : 'exists',
                ...(names.length > 0 && { exports: names }),
            });
        }
        return out;
    }
    /**
     * What the template exports that names a resource (`Value: !Ref Role`, a role's name, or `!Ref Policy`,
     * a managed policy's ARN, or its `PolicyArn`): the exports' names (`Outputs.*.Export.Name`) as far as
     * known, by the resource's logical id. Only the names are evaluated: an output's other values are
     * none of the checks' business.
     */
    exports() {
        const out = new Map();
        if (this.outputs?.type !== 'object')
            return out;
        // An export's name is read, not checked: a condition it leaves undecided is no note of the checks.
        const { undecided } = this.evaluator;
        const before = [...undecided];
        for (const output of this.outputs.values) {
            if (output.type !== 'object')
                continue;
            const exported = (0,nodes/* fieldOf */._F)(output, 'Export');
            const nameNode = exported?.type === 'object' ? (0,nodes/* fieldOf */._F)(exported, 'Name') : undefined;
            const valueNode = (0,nodes/* fieldOf */._F)(output, 'Value');
            const id = valueNode && exportedResource(valueNode);
            if (!nameNode || !id)
                continue;
            try {
                const name = this.evaluator.string(nameNode);
                if (name !== undefined)
                    (0,lists/* kept */.LP)(out, id, () => []).push(name);
            }
            catch (error) {
                // A name that cannot be read exports nothing known; CloudFormation would refuse it.
                if (!(error instanceof IntrinsicError))
                    throw error;
            }
        }
        undecided.clear();
        for (const name of before)
            undecided.add(name);
        return out;
    }
    /** Where a principal of the template is defined, its line aside. */
    principalSource(logicalId, resource) {
        return {
            kind: 'cloudformation',
            template: this.file,
            logicalId,
            ...(resource?.cdkPath !== undefined && { cdkPath: resource.cdkPath }),
            ...(this.options.stackName !== undefined && { stackName: this.options.stackName }),
            ...((this.options.stackName ?? this.options.nestedIn?.stackName) !== undefined &&
                this.options.region !== undefined && { stackRegion: this.options.region }),
            ...(this.options.nestedIn !== undefined && { nestedIn: this.options.nestedIn }),
            file: this.file,
        };
    }
}
/** The resources SAM makes once for a stack whose functions deploy gradually. */
const GRADUAL_DEPLOYMENT_IDS = new Set(['ServerlessDeploymentApplication', 'CodeDeployServiceRole']);
/** AWS's transforms this reading applies itself: SAM's, and the functions of AWS::LanguageExtensions. */
const TRANSFORMS_READ = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']);
/** What to do instead when a template is changed by what only CloudFormation runs. */
const PROCESSED = 'to check what it deploys, name the processed template, as `aws cloudformation get-template --template-stage Processed` gives it';
/**
 * The names of a template's transforms this reading does not apply (a macro, AWS::Include,
 * AWS::SecretsManager-2020-07-23): CloudFormation runs them when it deploys the stack, and what they
 * add or change is not known here. `Transform` is a name, a list of them, or `{Name, Parameters}`.
 */
function transformsNotRead(node) {
    const items = node === undefined ? [] : node.type === 'array' ? node.items : [node];
    const names = [];
    for (const item of items) {
        if (item.type === 'null')
            continue;
        const name = item.type === 'object' ? (0,nodes/* fieldOf */._F)(item, 'Name') : item;
        if (name?.type !== 'string')
            names.push('(one not named)');
        else if (!TRANSFORMS_READ.has(name.value))
            names.push(name.value);
    }
    return names;
}
/** ` (AWS::Include of s3://bucket/snippet.yaml)`: what a Fn::Transform names, as far as it is written. */
function transformNamed(node) {
    const name = node.type === 'object' ? (0,nodes/* fieldOf */._F)(node, 'Name') : undefined;
    if (name?.type !== 'string')
        return '';
    const parameters = node.type === 'object' ? (0,nodes/* fieldOf */._F)(node, 'Parameters') : undefined;
    const location = parameters?.type === 'object' ? (0,nodes/* fieldOf */._F)(parameters, 'Location') : undefined;
    return location?.type === 'string' ? ` (${name.value} of ${location.value})` : ` (${name.value})`;
}
/**
 * What the template alone says (its parameters' values, mappings, conditions, the pseudo parameters):
 * enough for what is evaluated before its resources are known (Fn::ForEach).
 */
function templateContext(top, options) {
    return {
        parameters: parameterValues(top.get('Parameters'), options.parameters),
        account: options.account,
        region: options.region,
        stackName: options.stackName,
        refOf: () => undefined,
        attributeOf: () => undefined,
        mappings: top.get('Mappings'),
        conditions: top.get('Conditions'),
    };
}
/** The most resources a stack may have (CloudFormation's quota), and the most copies Fn::ForEach makes here. */
const CLOUDFORMATION_MAX_RESOURCES = 500;
const MAX_FOREACH_COPIES = 10_000;
/**
 * The resources with each `Fn::ForEach::Name: [Identifier, [values], {Key${Identifier}: …}]` of the
 * AWS::LanguageExtensions transform replaced by its copies: `${Identifier}` and `&{Identifier}` in keys
 * and strings, and `Ref: Identifier`, become each value in turn. Loops may nest. A loop over values not
 * known here (a parameter without a value) is an error when it makes IAM resources; otherwise it is
 * left out and `skip` is told why, with the types it makes.
 */
function expandForEach(node, evaluator, parameters, skip, depth = 0, copies = { left: MAX_FOREACH_COPIES }) {
    const keys = [];
    const values = [];
    node.keys.forEach((key, i) => {
        const value = node.values[i];
        if (!key.value.startsWith('Fn::ForEach::')) {
            keys.push(key);
            values.push(value);
            return;
        }
        const parts = value.type === 'array' ? value.items : [];
        const [identifier, collection, fragment] = parts;
        if (parts.length !== 3 ||
            identifier?.type !== 'string' ||
            !collection ||
            fragment?.type !== 'object' ||
            depth > 5)
            throw new IntrinsicError(`${key.value}: expected [Identifier, [values], {fragment}]`, value);
        const list = evaluator.evaluate(collection);
        const items = list !== NO_VALUE && list.type === 'array' ? list.items.map(loopValue) : undefined;
        if (!items || items.includes(undefined)) {
            const unknown = unknownParameters(collection, parameters);
            const why = unknown.length > 0
                ? unknown.length === 1
                    ? `its collection depends on the parameter ${unknown[0]}, which has no value here (give it under parameters:)`
                    : `its collection depends on the parameters ${unknown.join(', ')}, which have no value here (give them under parameters:)`
                : items
                    ? 'its collection holds a value not known from the template'
                    : 'its collection is not a list of values known from the template';
            const made = resourcesOf(fragment);
            if (made.iam)
                throw new IntrinsicError(`${key.value}: ${why}`, collection);
            skip(key, why, made);
            return;
        }
        for (const text of items) {
            // Loops nested multiply: three over 300 values are 27 million copies, which ran a runner out of memory.
            if (--copies.left < 0)
                throw new IntrinsicError(`${key.value}: its loops make more than ${(0,vocabulary_text/* thousands */.oh)(MAX_FOREACH_COPIES)} copies of their fragments; CloudFormation takes ${CLOUDFORMATION_MAX_RESOURCES} resources in a stack`, collection);
            const copy = substitute(fragment, identifier.value, text);
            const inner = expandForEach(copy, evaluator, parameters, skip, depth + 1, copies);
            (0,lists/* append */.BC)(keys, inner.keys);
            (0,lists/* append */.BC)(values, inner.values);
        }
    });
    return { keys, values };
}
/**
 * Where the lines of a string value are in a YAML template's text (`lines`: its lines, from 0), when a
 * literal block wrote them (`|`, under the string's key or tag, each line at the block's indentation;
 * a line an Fn::Sub changed holds a `${`): each position in the value made one in the file. Undefined
 * when they are not found so.
 */
function blockPositions(lines, value) {
    const own = (0,vocabulary_text/* trimEndOf */.fC)(value.value, '\n').split('\n');
    const first = own[0] ?? '';
    if (own.length < 2 || first.trim() === '')
        return undefined;
    // The block's first line is the string's, or the one after its indicator's.
    for (const start of [value.line - 1, value.line]) {
        const line = lines[start];
        if (line === undefined)
            continue;
        const indent = line.length - line.trimStart().length;
        if (!matches(line.slice(indent), first))
            continue;
        let found = true;
        for (let k = 1; k < own.length && found; k++) {
            const written = lines[start + k];
            const expected = own[k];
            found =
                written !== undefined &&
                    (expected === ''
                        ? written.trim() === ''
                        : written.length - written.trimStart().length >= indent && matches(written.slice(indent), expected));
        }
        if (found)
            return (at) => ({ line: start + at.line, column: indent + at.column });
    }
    return undefined;
}
/** Whether a line of a block, as written, gave this line of its value (an Fn::Sub may have changed it). */
function matches(written, value) {
    return written === value || (written.includes('${') && written.trimEnd() !== '');
}
/** A value of a loop's collection as text, or undefined when it is not known here. */
function loopValue(item) {
    const text = item.type === 'string' || item.type === 'number' ? String(item.value) : undefined;
    return text === undefined || text.includes('${') ? undefined : text;
}
/**
 * The names an Fn::Sub text refers to by `${Name}` (not `${!Literal}`), spaces trimmed: what
 * /\$\{\s*([^!}\s][^}]*?)\s*\}/g gives, in time linear in the text (vocabulary/placeholders.ts says why).
 */
function subVariables(text) {
    const names = [];
    let from = 0;
    for (const { start, close } of (0,placeholders/* openings */.mS)(text)) {
        if (start < from)
            continue; // inside the variable found last
        LEADING_SPACES.lastIndex = start + 2;
        LEADING_SPACES.test(text);
        const first = LEADING_SPACES.lastIndex;
        if (first === close || text.charAt(first) === '!')
            continue;
        names.push(text.slice(first, close).trimEnd());
        from = close + 1;
    }
    return names;
}
const LEADING_SPACES = /\s*/y;
/**
 * The names a value refers to (`Ref`, `${Name}` in a text), in the order first met; with `conditions`
 * (the template's Conditions), also through the conditions its `Fn::If`s and `Condition`s name. With
 * `budget`, each value visited spends one; undefined when it runs out (a template made to make this walk
 * long).
 */
function namesReferenced(node, conditions, budget) {
    const names = new Set();
    const followed = new Set();
    const stack = [node];
    const follow = (condition) => {
        if (condition?.type !== 'string' || conditions?.type !== 'object' || followed.has(condition.value))
            return;
        followed.add(condition.value);
        // Found by name, not searched for: each document's walk may name thousands of conditions.
        const definition = (0,nodes/* fieldOf */._F)(conditions, condition.value);
        if (definition)
            stack.push(definition);
    };
    for (let n = stack.pop(); n; n = stack.pop()) {
        if (budget && --budget.left < 0)
            return undefined;
        if (n.type === 'string')
            for (const name of subVariables(n.value))
                names.add(name);
        if (n.type === 'array')
            for (let i = n.items.length - 1; i >= 0; i--)
                stack.push(n.items[i]);
        if (n.type !== 'object')
            continue;
        for (let i = n.keys.length - 1; i >= 0; i--) {
            const key = n.keys[i].value;
            const value = n.values[i];
            if (key === 'Ref' && value.type === 'string') {
                names.add(value.value);
                continue;
            }
            if (key === 'Condition')
                follow(value);
            else if (key === 'Fn::If' && value.type === 'array')
                follow(value.items[0]);
            stack.push(value);
        }
    }
    return [...names];
}
/** The parameters a node refers to (by Ref or in an Fn::Sub) that have no value here. */
function unknownParameters(node, parameters) {
    return (namesReferenced(node) ?? []).filter((name) => parameters.get(name) === `\${${name}}`);
}
/**
 * The resource types a fragment of Fn::ForEach makes (its nested loops' included), and whether any of
 * them may be or make a principal or a policy: IAM and SAM resources, nested stacks, SAM `Connectors`,
 * a type not written as a string.
 */
function resourcesOf(fragment) {
    const types = new Set();
    const ids = [];
    let iam = false;
    fragment.keys.forEach((key, i) => {
        const value = fragment.values[i];
        if (key.value.startsWith('Fn::ForEach::')) {
            const inner = value.type === 'array' ? value.items[2] : undefined;
            const made = inner?.type === 'object' ? resourcesOf(inner) : { types: [], ids: [], iam: true };
            for (const type of made.types)
                types.add(type);
            (0,lists/* append */.BC)(ids, made.ids);
            iam ||= made.iam;
            return;
        }
        ids.push(key.value);
        const type = value.type === 'object' ? (0,nodes/* fieldOf */._F)(value, 'Type') : undefined;
        const name = type?.type === 'string' ? type.value : undefined;
        if (name)
            types.add(name);
        iam ||=
            name === undefined ||
                name.startsWith('AWS::IAM::') ||
                name.startsWith('AWS::Serverless::') ||
                name === 'AWS::CloudFormation::Stack' ||
                (value.type === 'object' && (0,nodes/* fieldOf */._F)(value, 'Connectors') !== undefined);
    });
    return { types: [...types], ids, iam };
}
/**
 * The logical ids a loop's key makes, as a pattern: `Topic${Name}` is `Topic` and any text (each
 * `${Identifier}` or `&{Identifier}` becomes one of the loop's values, not known here).
 */
function loopIdPattern(key) {
    return (0,linear_regexp/* linearRegExp */.V)(`^${key
        .split(/[$&]\{[^}]*\}/)
        .map(linear_regexp/* escapeRegExp */.N)
        .join('.+')}$`);
}
/** A fragment of Fn::ForEach with the loop's identifier replaced by one of its values. */
function substitute(node, identifier, value) {
    const text = (s) => s
        .replaceAll(`\${${identifier}}`, value)
        .replaceAll(`&{${identifier}}`, value.replace(/[^A-Za-z0-9]/g, ''));
    switch (node.type) {
        case 'string':
            return { ...node, value: text(node.value) };
        case 'array':
            return { ...node, items: node.items.map((i) => substitute(i, identifier, value)) };
        case 'object': {
            const ref = node.keys.length === 1 && node.keys[0]?.value === 'Ref' ? node.values[0] : undefined;
            if (ref?.type === 'string' && ref.value === identifier)
                return { type: 'string', value, line: node.line, column: node.column };
            return {
                ...node,
                keys: node.keys.map((k) => ({ ...k, value: text(k.value) })),
                values: node.values.map((v) => substitute(v, identifier, value)),
            };
        }
        default:
            return node;
    }
}
/** AWS managed policies as read once per file: thousands of roles attach the same few. */
const managedDocuments = new Map();
function managedDocument(file, arn, text) {
    const key = `${file}\u0000${arn}`;
    if (!managedDocuments.has(key)) {
        if (managedDocuments.size > 10_000)
            managedDocuments.clear();
        managedDocuments.set(key, (0,parse_policy/* parsePolicy */.ON)(file, text).policy);
    }
    return managedDocuments.get(key);
}
/**
 * What SAM's connector from a GraphQLApi's DynamoDb or Lambda data source grants its role
 * (SamGraphQLApi._parse_ddb_datasource_role and _parse_lambda_datasource_role): Read and Write of the
 * table (`TableArn`, else the ARN of `TableName` in its `Region`) unless `Permissions` says, or the
 * function's invocation.
 */
function dataSourceGrant(kind, fields, permissions, evaluator) {
    if (kind === 'Lambda') {
        const arn = fields.get('FunctionArn');
        if (!arn)
            return { kind: 'error', message: 'a Lambda data source needs FunctionArn' };
        return connectorGrant('AWS::AppSync::DataSource', 'AWS::Lambda::Function', ['Write'], {
            'Destination.Arn': (0,nodes/* written */.Mp)(arn),
        });
    }
    const tableArn = fields.get('TableArn');
    const tableName = fields.get('TableName');
    const region = fields.get('Region');
    const arn = tableArn
        ? (0,nodes/* written */.Mp)(tableArn)
        : {
            'Fn::Sub': [
                'arn:${AWS::Partition}:dynamodb:${Region}:${AWS::AccountId}:table/${TableName}',
                {
                    TableName: tableName ? (0,nodes/* written */.Mp)(tableName) : '',
                    Region: region ? (0,nodes/* written */.Mp)(region) : { Ref: 'AWS::Region' },
                },
            ],
        };
    const categories = fields.has('Permissions')
        ? permissions.map((node) => evaluator.string(node) ?? '')
        : ['Read', 'Write'];
    return connectorGrant('AWS::AppSync::DataSource', 'AWS::DynamoDB::Table', categories, {
        'Destination.Arn': arn,
    });
}
/** `Globals.Function` (or `.CapacityProvider`) of a SAM template, less what SAM does not take from Globals. */
function globalsOf(node, type) {
    const section = node?.type === 'object' ? (0,nodes/* fieldOf */._F)(node, type) : undefined;
    const globals = section?.type === 'object' ? (0,nodes/* entries */.jO)(section) : new Map();
    globals.delete('Policies');
    return globals;
}
/**
 * The AWS managed policies SAM attaches to a function's implicit role besides its Policies
 * (samtranslator/model/sam_resources.py, eventsources/pull.py at the snapshot's commit): basic
 * execution (durable execution with DurableConfig); X-Ray unless Tracing is Disabled (the older policy
 * name in the aws partition, as SAM does); VPC access with VpcConfig; the execution role of each stream
 * or queue event source it polls.
 */
function implicitManagedPolicies(props, text, partition) {
    const names = [
        props.has('DurableConfig') ? 'AWSLambdaBasicDurableExecutionRolePolicy' : 'AWSLambdaBasicExecutionRole',
    ];
    const tracing = props.get('Tracing');
    const traced = tracing && text(tracing);
    if (traced && traced !== 'Disabled')
        names.push(xrayPolicy(partition));
    if (props.has('VpcConfig'))
        names.push('AWSLambdaVPCAccessExecutionRole');
    const events = props.get('Events');
    const byEvent = {
        SQS: 'AWSLambdaSQSQueueExecutionRole',
        Kinesis: 'AWSLambdaKinesisExecutionRole',
        DynamoDB: 'AWSLambdaDynamoDBExecutionRole',
        MSK: 'AWSLambdaMSKExecutionRole',
    };
    if (events?.type === 'object')
        for (const event of events.values) {
            const type = event.type === 'object' ? (0,nodes/* fieldOf */._F)(event, 'Type') : undefined;
            const properties = event.type === 'object' ? (0,nodes/* fieldOf */._F)(event, 'Properties') : undefined;
            // An SNS event with SqsSubscription reaches the function through a queue SAM makes and polls.
            const subscription = properties?.type === 'object' ? (0,nodes/* fieldOf */._F)(properties, 'SqsSubscription') : undefined;
            const viaQueue = type?.type === 'string' && type.value === 'SNS' && subscription && text(subscription) !== 'false';
            const policy = viaQueue ? byEvent.SQS : type?.type === 'string' ? byEvent[type.value] : undefined;
            if (policy && !names.includes(policy))
                names.push(policy);
        }
    return names;
}
/** The X-Ray policy SAM attaches to a traced function's or state machine's role (xray_utils.py). */
function xrayPolicy(partition) {
    return partition === 'aws' ? 'AWSXrayWriteOnlyAccess' : 'AWSXRayDaemonWriteAccess';
}
/** The events of a SAM state machine for which SAM makes a role that starts its executions. */
const EVENT_ROLES = new Set([
    'Api',
    'Schedule',
    'ScheduleV2',
    'CloudWatchEvent',
    'EventBridgeRule',
]);
/** The SAM resources that get a role of their own (`<Id>Role`) when they name none. */
const SAM_ROLE_TYPES = new Set([
    'AWS::Serverless::Function',
    'AWS::Serverless::StateMachine',
]);
/** The resources that make a principal or grant it permissions, SAM's that make a role included. */
const GRANTING_TYPES = new Set([
    ...Object.keys(PRINCIPAL_TYPES),
    'AWS::IAM::Policy',
    'AWS::IAM::ManagedPolicy',
    'AWS::IAM::RolePolicy',
    'AWS::IAM::UserPolicy',
    'AWS::IAM::GroupPolicy',
    ...SAM_ROLE_TYPES,
]);
/**
 * What SAM attaches to a state machine's role besides its Policies (samtranslator/model/stepfunctions/
 * generators.py, _construct_role): X-Ray when `Tracing: { Enabled: true }`.
 */
function stateMachinePolicies(props, evaluator, partition) {
    const tracing = props.get('Tracing');
    const value = tracing && evaluator.evaluate(tracing);
    const enabled = value && value !== NO_VALUE && value.type === 'object' ? (0,nodes/* fieldOf */._F)(value, 'Enabled') : undefined;
    return enabled?.type === 'boolean' && enabled.value === true ? [xrayPolicy(partition)] : [];
}
/** The statement SAM adds for a DeadLetterQueue: send to its queue or publish to its topic. */
function deadLetterStatement(node) {
    const dlq = node.type === 'object' ? (0,nodes/* entries */.jO)(node) : undefined;
    const type = dlq?.get('Type');
    const target = dlq?.get('TargetArn');
    const action = type?.type === 'string' ? { SQS: 'sqs:SendMessage', SNS: 'sns:Publish' }[type.value] : undefined;
    if (!action || !target)
        return undefined;
    const at = { line: node.line, column: node.column };
    const document = (0,nodes/* positioned */.lP)({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '' }] }, at);
    // The target stays as written (an intrinsic, evaluated with the rest).
    const statement = document.values[1].items[0];
    statement.values[2] = target;
    return document;
}
/**
 * The logical id of the resource an exported value names: `Ref: Id` (a role's, user's or group's name,
 * a managed policy's ARN), or a managed policy's `Fn::GetAtt: [Id, PolicyArn]`; else none.
 */
function exportedResource(node) {
    const id = logicalIdOf(node);
    if (id === undefined || (node.type === 'object' && node.keys[0]?.value === 'Ref'))
        return id;
    const value = node.type === 'object' ? node.values[0] : undefined;
    const attribute = value?.type === 'string'
        ? value.value.split('.').slice(1).join('.')
        : value?.type === 'array' && value.items[1]?.type === 'string'
            ? value.items[1].value
            : undefined;
    return attribute === 'PolicyArn' ? id : undefined;
}
/** The logical id a `Ref` or `Fn::GetAtt` names (SAM's get_logical_id_from_intrinsic); else none. */
function logicalIdOf(node) {
    if (node.type !== 'object' || node.keys.length !== 1)
        return undefined;
    const [key] = node.keys;
    const value = node.values[0];
    if (key?.value === 'Ref')
        return value.type === 'string' ? value.value : undefined;
    if (key?.value !== 'Fn::GetAtt')
        return undefined;
    if (value.type === 'string')
        return value.value.split('.')[0];
    const [first] = value.type === 'array' ? value.items : [];
    return first?.type === 'string' ? first.value : undefined;
}
/** What `${Resolve:…}` stands for (a dynamic reference, `{{resolve:ssm:…}}`), said of a value not known here. */
const DYNAMIC_REFERENCE = 'a dynamic reference ({{resolve:…}}): what Systems Manager or Secrets Manager holds when the stack is deployed';
/**
 * The parameters' values: the config's, else each one's Default, else none (a placeholder then). The
 * Default of an `AWS::SSM::Parameter::Value<…>` parameter is the name of a Systems Manager parameter,
 * whose value, read when the stack is deployed, is not known here: a placeholder too.
 */
function parameterValues(node, given) {
    const values = new Map();
    if (node?.type !== 'object')
        return values;
    node.keys.forEach((key, i) => {
        const spec = node.values[i];
        const fields = spec.type === 'object' ? (0,nodes/* entries */.jO)(spec) : new Map();
        const type = fields.get('Type');
        const fromSsm = type?.type === 'string' && type.value.trim().startsWith('AWS::SSM::Parameter::Value<');
        const fallback = fromSsm ? undefined : fields.get('Default');
        const value = given.get(key.value) ??
            (fallback?.type === 'string' || fallback?.type === 'number' || fallback?.type === 'boolean'
                ? String(fallback.value)
                : `\${${key.value}}`);
        const isList = type?.type === 'string' && (type.value === 'CommaDelimitedList' || type.value.startsWith('List<'));
        values.set(key.value, isList && !value.startsWith('${') ? value.split(',').map((v) => v.trim()) : value);
    });
    return values;
}
/** What an AWS managed policy's findings say of the resource that attaches it: its logical id and construct. */
function attachedBy(source) {
    const address = (0,policy/* codeAddress */.as)(source);
    const cdkPath = (0,policy/* constructPath */.tG)(source);
    return {
        ...(address !== undefined && { address }),
        ...(cdkPath !== undefined && { cdkPath }),
        ...(source.kind === 'cloudformation' && source.samImplicit && { samImplicit: true }),
    };
}
/** A value written as true or false (a boolean, or the strings CloudFormation also takes), else undefined. */
function flagOf(value) {
    const text = value === NO_VALUE ? undefined : scalarText(value)?.toLowerCase();
    return text === 'true' ? true : text === 'false' ? false : undefined;
}

;// CONCATENATED MODULE: ./src/sources/cloudformation/cloudformation-source.ts
// The `cloudformation:` entries of the config: templates (YAML or JSON) named by a glob, or every stack
// of a CDK cloud assembly, each with the parameter values, account, region and stack name it is
// deployed with (the config's, else the assembly's); and the templates of the stacks they nest, with the
// parameters the nesting template gives them.











/** Largest template read: CloudFormation itself accepts 1 MB; a generated one may be larger. */
const MAX_TEMPLATE_BYTES = 16 * 1024 * 1024;
/** Nested stacks followed this deep (CloudFormation's own limit is higher; real ones nest two or three). */
const cloudformation_source_MAX_NESTING = 8;
/**
 * Nested stack templates read for one entry: a template that nests the same child many times at each of
 * eight levels would otherwise ask for millions of reads. Real applications nest tens.
 */
const MAX_NESTED_STACKS = 500;
function cloudFormationSource(configFile, entries) {
    return {
        name: 'cloudformation',
        async load(workspaceRoot) {
            const principals = [];
            const problems = [];
            const notes = [];
            // The workspace's real path and which directories lie inside it: found once for every entry.
            const files = new policy_globs/* PolicyGlobs */.kC(workspaceRoot);
            for (const entry of entries) {
                const jobs = [];
                if (entry.template) {
                    const resolved = files.resolve(configFile, entry.template, 'cloudformation: template');
                    (0,lists/* append */.BC)(problems, resolved.problems);
                    const searched = (0,config_file/* inclusions */.MW)(entry.template).some((g) => (0,policy_globs/* isGlob */.fg)(g.pattern));
                    for (const file of resolved.files)
                        jobs.push({ file, ...entry, searched });
                }
                if (entry.cdkOut !== undefined) {
                    const found = (0,paths/* entryAt */._f)((0,external_node_path_.join)(workspaceRoot, entry.cdkOut));
                    if (!found?.isDirectory()) {
                        problems.push({
                            file: configFile,
                            line: entry.line,
                            message: found?.isFile()
                                ? `cloudformation: cdk-out: ${JSON.stringify(entry.cdkOut)} is a file; expected the directory cdk synth writes (cdk.out). A template on its own is given as template:`
                                : `cloudformation: cdk-out: ${JSON.stringify(entry.cdkOut)} is not a directory in the workspace (run cdk synth first)`,
                        });
                        continue;
                    }
                    const assembly = (0,cloud_assembly/* readCloudAssembly */.s)(workspaceRoot, entry.cdkOut, {
                        file: configFile,
                        line: entry.line,
                    });
                    (0,lists/* append */.BC)(problems, assembly.problems);
                    for (const stack of assembly.stacks)
                        jobs.push({
                            file: stack.template,
                            stackName: entry.stackName ?? stack.deployedName,
                            account: entry.account ?? stack.account,
                            region: entry.region ?? stack.region,
                            synthesized: true,
                        });
                }
                // The templates named, then the ones they nest. A template both named and nested is read as
                // nested: with the parameters its parent gives it, not its defaults.
                const named = [];
                for (const job of jobs)
                    named.push([job, await loadTemplate(workspaceRoot, job, entry.parameters)]);
                const nested = new NestedStacks(workspaceRoot, files, jobs.map((job) => job.file));
                // From the templates no other named one nests: a template in the middle of a chain, followed from
                // itself first (it sorted before its parent), had what it nests read twice. Then any left, which
                // only nest each other (a cycle, said as one).
                const nestedByNamed = new Set(named.flatMap(([job, result]) => nested.targetsOf(job.file, result)));
                for (const [job, result] of named)
                    if (!nestedByNamed.has(job.file) && !nested.reached.has(job.file))
                        await nested.follow(job, result, [job.file]);
                for (const [job, result] of named)
                    if (!nested.reached.has(job.file) && nestedByNamed.has(job.file))
                        await nested.follow(job, result, [job.file]);
                const read = [...named.filter(([job]) => !nested.reached.has(job.file)), ...nested.read];
                // A role an earlier nesting gave the same (sameKey): counted with that one, not listed again.
                const seen = new Map();
                const passedOver = [];
                for (const [, result] of read) {
                    if (result.passedOver)
                        passedOver.push(result.passedOver);
                    for (const p of result.principals) {
                        const key = sameKey(p);
                        const at = key === undefined ? undefined : seen.get(key);
                        if (at !== undefined) {
                            principals[at] = alikeOnceMore(principals[at]);
                            continue;
                        }
                        if (key !== undefined)
                            seen.set(key, principals.length);
                        principals.push(p);
                    }
                    (0,lists/* append */.BC)(problems, result.problems);
                    (0,lists/* append */.BC)(notes, result.notes ?? []);
                }
                (0,lists/* append */.BC)(problems, nested.problems);
                (0,lists/* append */.BC)(notes, nested.notes);
                if (entry.template)
                    (0,lists/* append */.BC)(notes, passedOverNotes(entry.template, passedOver, configFile));
                const hint = entry.template && leaveOutHint(entry.template, jobs, problems, configFile);
                if (hint)
                    problems.push(hint);
            }
            return { principals, problems, notes };
        },
    };
}
/**
 * The files a template glob caught that are no templates (workflows, Helm charts, this config under
 * `**`): each one's own note when it is alone, else one at the glob, so that they do not take the
 * notices a run shows before the ones that matter (a nested stack not read).
 */
function passedOverNotes(globs, passed, configFile) {
    if (passed.length < 2)
        return [...passed];
    const { matches, after, line } = globWords(globs);
    const files = passed.map((p) => (0,vocabulary_problems/* quote */.hD)(p.file ?? ''));
    return [
        {
            file: configFile,
            line,
            message: `cloudformation: template: ${files.length} files ${matches} are not CloudFormation templates (none of a template's top-level keys: Resources, AWSTemplateFormatVersion, Transform, …): ` +
                `passed over: ${(0,vocabulary_problems/* previewList */.$8)(files, 3)}. An exclusion ${after} leaves them out, such as ${(0,vocabulary_problems/* quote */.hD)(`!${passed[0]?.file ?? ''}`)}`,
        },
    ];
}
/** How a notice about a `template:` list names it, and the line it stands at: its last glob's. */
function globWords(globs) {
    const one = (0,config_file/* inclusions */.MW)(globs).length === 1;
    return {
        matches: one ? 'the glob matches' : 'the globs match',
        after: one ? 'after the glob' : 'after the globs',
        line: globs[globs.length - 1].line,
    };
}
/**
 * When some of the templates a glob matched have problems (another tool's source, a broken example
 * among hundreds), one line at the glob says how to leave them out: the fix in each file is not always
 * the user's to make. Not when every one has: excluding them all would leave nothing to check.
 */
function leaveOutHint(globs, jobs, problems, configFile) {
    const matched = new Set(jobs.filter((job) => job.searched).map((job) => job.file));
    // The config itself, when a glob catches it (`**/*.yml`), is passed over as no template: its own
    // problems (an exclusion that excludes nothing) are not a template's.
    const broken = [
        ...new Set(problems.flatMap((p) => (p.file && p.file !== configFile && matched.has(p.file) ? [p.file] : []))),
    ];
    const [first] = broken;
    if (first === undefined || broken.length === matched.size)
        return undefined;
    const { matches, after, line } = globWords(globs);
    const of = broken.length === 1
        ? `a template ${matches} has problems: fix it, or leave it out`
        : `${broken.length} of the ${matched.size} templates ${matches} have problems: fix them, or leave each out`;
    return {
        file: configFile,
        line,
        message: `cloudformation: template: ${of} with an exclusion ${after}, such as ${(0,vocabulary_problems/* quote */.hD)(`!${first}`)}`,
    };
}
/**
 * The nested stacks of the templates read, followed into their templates when those are files of the
 * repository: a relative TemplateURL or Location is relative to the nesting template's directory, a CDK
 * asset path lies beside it. A template at a URL (S3) is the template of the same entry whose path the
 * URL's path ends with, when one does: where a build uploads the repository's templates (aws-quickstart:
 * `https://${Bucket}.s3.amazonaws.com/${KeyPrefix}templates/child.template.yaml`); so is a relative path
 * that climbs above the workspace, which is never read. An absolute path or a symlink out of the
 * workspace is refused; a template elsewhere (another URL, the Serverless Application Repository, one
 * built at deploy time) is a note: its roles are not checked.
 */
class NestedStacks {
    workspaceRoot;
    files;
    named;
    read = [];
    reached = new Set();
    problems = [];
    notes = [];
    full = false;
    /** `named`: the templates of the entry, which a nested stack's URL may name. */
    constructor(workspaceRoot, files, named) {
        this.workspaceRoot = workspaceRoot;
        this.files = files;
        this.named = named;
    }
    async follow(parent, result, chain) {
        for (const stack of result.nested) {
            const at = { file: parent.file, line: stack.line, column: stack.column };
            const what = `Resources.${stack.logicalId}: a nested stack`;
            const found = this.templateOf(stack.location, chain, at, what);
            if (found === undefined)
                continue;
            if (this.read.length >= MAX_NESTED_STACKS) {
                // Said once, where it stopped; nothing further is read.
                if (!this.full)
                    this.problems.push({
                        ...at,
                        message: `${what}: more than ${MAX_NESTED_STACKS} nested stacks under this cloudformation: entry; not read`,
                    });
                this.full = true;
                return;
            }
            if (chain.includes(found.file) || chain.length > cloudformation_source_MAX_NESTING) {
                this.problems.push({
                    ...at,
                    message: chain.includes(found.file)
                        ? `${what}: its template ${found.file} nests this one; a stack cannot contain itself`
                        : `${what}: nested more than ${cloudformation_source_MAX_NESTING} stacks deep; not read`,
                });
                continue;
            }
            const job = {
                file: found.file,
                // CloudFormation names a nested stack when it creates it (AWS::StackName is not the parent's);
                // its roles' names are read through the outermost stack, by the nested stacks' logical ids.
                stackName: undefined,
                account: parent.account,
                region: parent.region,
                nestedIn: nestedIn(parent, stack.logicalId),
            };
            this.reached.add(found.file);
            const child = await loadTemplate(this.workspaceRoot, job, stack.parameters);
            this.read.push([job, child]);
            await this.follow(job, child, [...chain, found.file]);
        }
    }
    /** The workspace's templates that `result`'s nested stacks name: which ones another template nests. */
    targetsOf(parentFile, result) {
        return result.nested.flatMap((stack) => {
            const where = this.resolve(stack.location, [parentFile]);
            return 'file' in where ? [where.file] : [];
        });
    }
    /** The workspace file of a nested stack's template, or undefined when there is none to read (said why). */
    templateOf(location, chain, at, what) {
        const where = this.resolve(location, chain);
        if ('file' in where) {
            if (where.url !== undefined)
                this.notes.push({
                    ...at,
                    message: where.above
                        ? `${what} whose template ${(0,vocabulary_problems/* quote */.hD)(where.url)} lies above the workspace: read as ${where.file}, the template of this cloudformation: entry whose path it ends with`
                        : `${what} whose template is at ${where.url}: read as ${where.file}, the template of this cloudformation: entry whose path the URL ends with`,
                });
            return where;
        }
        if ('outside' in where) {
            this.problems.push({
                ...at,
                message: `${what}: its template ${(0,vocabulary_problems/* quote */.hD)(where.outside)} leads outside the workspace; not read`,
            });
            return undefined;
        }
        if ('missing' in where) {
            this.notes.push({
                ...at,
                message: `${what} whose roles are not checked: its template ${(0,vocabulary_problems/* quote */.hD)(where.missing)} is not in the repository (name it under cloudformation: once it is)`,
            });
            return undefined;
        }
        const { elsewhere, url, matches } = where;
        const why = matches.length > 1
            ? `the URL ends with the path of ${matches.slice(0, -1).join(', of ')} and of ${matches.at(-1)}: which one is meant is not known`
            : url !== undefined
                ? 'name its template under this cloudformation: entry to check them'
                : 'name its template under cloudformation: to check them';
        this.notes.push({ ...at, message: `${what} whose roles are not checked: ${elsewhere} (${why})` });
        return undefined;
    }
    /**
     * Where a nested stack's template is: a file of the workspace (by its path, or by its URL), or why not.
     * `chain`: the templates that nest it, its parent last. A URL that ends like one of them names another
     * template of that name (a stack cannot nest itself), not it.
     */
    resolve(location, chain) {
        const named = () => this.named.filter((file) => !chain.includes(file));
        const parentFile = chain.at(-1);
        if ('elsewhere' in location) {
            const { elsewhere, url } = location;
            const matches = url === undefined ? [] : besideFirst(templatesAt(url, named()), parentFile);
            if (url !== undefined && matches.length === 1)
                return { file: matches[0], url };
            return { elsewhere, ...(url !== undefined && { url }), matches };
        }
        const written = location.path;
        const path = childPath(parentFile, written);
        // A relative path that climbs above the workspace is never read. It is how templates packaged from a
        // build directory name their neighbours (aws-samples' serverless e-commerce platform nests
        // `../../shared/templates/dlq.yaml` from `delivery/build/`), so it is the template of this entry whose
        // path it ends with, as for a URL, or a note; an absolute path or a symlink out stays refused.
        if (path === '..' || path.startsWith('../')) {
            const matches = besideFirst(templatesAt(written, named()), parentFile);
            if (matches.length === 1)
                return { file: matches[0], url: written, above: true };
            return {
                elsewhere: `its template ${(0,vocabulary_problems/* quote */.hD)(written)} lies above the workspace, so it is not read`,
                url: written,
                matches,
            };
        }
        const found = this.files.file(path);
        if ('outside' in found)
            return { outside: written };
        if ('missing' in found)
            return { missing: written };
        return found;
    }
}
/**
 * What a principal of a nested template is the same as another by: a template nested more than once
 * (aws-quickstart: every entry point nests the same prerequisites; a pipeline nests one per service)
 * gives the same name, policies and all, each time. Without a stack name nothing tells those apart, and
 * each finding would be said once per nesting; with one, each is read in its own deployed stack, and
 * kept (undefined: no key).
 */
function sameKey(p) {
    const { source } = p;
    if (source.kind !== 'cloudformation' || !source.nestedIn || source.nestedIn.stackName !== undefined)
        return undefined;
    return JSON.stringify([p.arn, source.template, source.logicalId, p.lifecycle, p.boundary, p.policies]);
}
/** `p`, standing for one more nesting that gives it alike. */
function alikeOnceMore(p) {
    if (p.source.kind !== 'cloudformation')
        return p;
    return { ...p, source: { ...p.source, alike: (p.source.alike ?? 0) + 1 } };
}
function nestedIn(parent, logicalId) {
    const stackName = parent.nestedIn ? parent.nestedIn.stackName : parent.stackName;
    return {
        template: parent.file,
        logicalId,
        ...(stackName !== undefined && { stackName }),
        path: [...(parent.nestedIn?.path ?? []), logicalId],
    };
}
/**
 * Of templates a nested stack's URL names alike, the one in the directory of the template that nests it,
 * when there is one: a repository that publishes several directories of templates under one prefix
 * (DataDog's cloudformation-template: aws/ and aws_quickstart/ both have datadog_integration_role.yaml,
 * and each nests its own) keeps a stack's templates together.
 */
function besideFirst(matches, parentFile) {
    if (matches.length < 2)
        return matches;
    const beside = matches.filter((file) => external_node_path_.posix.dirname(file) === external_node_path_.posix.dirname(parentFile));
    return beside.length === 1 ? beside : matches;
}
/**
 * The templates of `named` whose path the URL's path ends with, segment by segment: those that match
 * the most segments (several when they tie), none when not even the file name matches. A segment that
 * starts with a placeholder (`${KeyPrefix}templates`) matches on what follows it, and ends the match.
 */
function templatesAt(url, named) {
    const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
    const segments = path.split('/').filter((segment) => segment !== '');
    let best = 0;
    let found = [];
    for (const file of named) {
        const parts = file.split('/');
        let n = 0;
        while (n < parts.length && n < segments.length) {
            const segment = segments[segments.length - 1 - n];
            const part = parts[parts.length - 1 - n];
            if (segment === part) {
                n++;
                continue;
            }
            const close = segment.lastIndexOf('}');
            if (close >= 0 && part !== '' && segment.slice(close + 1) === part)
                n++;
            break;
        }
        if (n === 0 || n < best)
            continue;
        if (n > best)
            found = [];
        best = n;
        found.push(file);
    }
    return found;
}
/** A nested template's path in the workspace: relative to its parent's directory, unless absolute. */
function childPath(parent, written) {
    if (/^([\\/~]|[A-Za-z]:)/.test(written))
        return written;
    return external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(parent), written.replace(/\\/g, '/')));
}
/**
 * A line with a key only a template has at its top: `Resources:`, `"AWSTemplateFormatVersion":`. Blanks
 * within the line only: `\\s*` after `^` ran on through every following line, from each line, and a
 * file of 60,000 blank lines that did not parse took 7 s.
 */
const TEMPLATE_LINE = new RegExp(`^[ \\t]*["']?(?:${cloudformation_template.TEMPLATE_KEYS.join('|')})["']?[ \\t]*:`, 'm');
async function loadTemplate(workspaceRoot, job, parameters) {
    const text = (0,read_text/* readTextUpTo */.S9)((0,external_node_path_.join)(workspaceRoot, job.file), MAX_TEMPLATE_BYTES);
    if (text === null)
        return {
            principals: [],
            problems: [{ file: job.file, line: 1, message: (0,read_text/* tooLarge */.g$)(MAX_TEMPLATE_BYTES) }],
            nested: [],
        };
    const parsed = (0,cloudformation_template.parseTemplate)(job.file, text);
    if (!parsed.root) {
        // Caught by a glob, a file that does not parse and has no line a template starts with (a Helm
        // chart's templates, GitLab CI with !reference) is not a template with a mistake: passed over.
        if (job.searched && !TEMPLATE_LINE.test(text)) {
            const message = `not read: ${parsed.problems[0]?.message ?? 'not YAML or JSON'}; nothing in it looks like a CloudFormation template (none of its top-level keys: Resources, AWSTemplateFormatVersion, Transform, …), so it is passed over: the template: glob matches it (${(0,vocabulary_problems/* quote */.hD)(`!${job.file}`)} after it leaves it out)`;
            return { principals: [], problems: [], nested: [], passedOver: { file: job.file, line: 1, message } };
        }
        return { principals: [], problems: [...parsed.problems], nested: [] };
    }
    const result = await discoverFromTemplate(job.file, parsed.root, {
        text: (0,cloudformation_template.isJson)(text) ? undefined : text,
        parameters,
        account: job.account,
        region: job.region,
        stackName: job.stackName,
        nestedIn: job.nestedIn,
        synthesized: job.synthesized,
        searched: job.searched,
        managedPolicies: managed_policies/* loadManagedPolicies */.y,
    });
    // What the reading noted (a key given twice) is of a template: not of a file passed over as none.
    if (!parsed.notes?.length || result.passedOver)
        return result;
    return { ...result, notes: [...parsed.notes, ...(result.notes ?? [])] };
}


/***/ }),

/***/ 2022:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mp: () => (/* binding */ written),
/* harmony export */   _F: () => (/* binding */ fieldOf),
/* harmony export */   jO: () => (/* binding */ entries),
/* harmony export */   lP: () => (/* binding */ positioned)
/* harmony export */ });
/* harmony import */ var _policy_json_tree_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9907);
// Template nodes as the SAM parts build them: a plain value placed at a line, with nodes of the
// template kept where they are written; and the two reads every part makes of a mapping.

/** A plain JSON value (a SAM template's definition) as a tree whose every node is at `at`. */
function positioned(value, at) {
    if (value && typeof value === 'object' && NODE in value)
        return value[NODE];
    const where = { line: at.line, column: at.column };
    if (typeof value === 'string')
        return { type: 'string', value, ...where };
    if (typeof value === 'number')
        return { type: 'number', value, ...where };
    if (typeof value === 'boolean')
        return { type: 'boolean', value, ...where };
    if (Array.isArray(value))
        return { type: 'array', items: value.map((v) => positioned(v, at)), ...where };
    if (value && typeof value === 'object') {
        const pairs = Object.entries(value);
        return {
            type: 'object',
            keys: pairs.map(([k]) => ({ type: 'string', value: k, ...where })),
            values: pairs.map(([, v]) => positioned(v, at)),
            ...where,
        };
    }
    return { type: 'null', value: null, ...where };
}
/** A node of the template inside a value `positioned` makes: kept as it is, where it is written. */
const NODE = Symbol('node');
function written(node) {
    return { [NODE]: node };
}
/** The value of `key` in a mapping, if it has one. */
function fieldOf(node, key) {
    const i = (0,_policy_json_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .keyIndex */ .gZ)(node, key);
    return i < 0 ? undefined : node.values[i];
}
/** A mapping's entries by key. */
function entries(node) {
    const map = new Map();
    node.keys.forEach((key, i) => {
        map.set(key.value, node.values[i]);
    });
    return map;
}


/***/ })

};
