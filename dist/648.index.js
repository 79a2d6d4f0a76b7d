export const id = 648;
export const ids = [648];
export const modules = {

/***/ 7648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   octokitCommentApi: () => (/* binding */ octokitCommentApi),
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/* unused harmony exports COMMENT_MARKER, configLine */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4389);



/** Hidden in the rendered comment; how a rerun finds the comment it wrote before. */
const COMMENT_MARKER = '<!-- iam-policy-drift:sticky-comment -->';
/** What starts the line that names the config of a comment's run. */
const CONFIG_LINE = '<!-- iam-policy-drift:config ';
/**
 * The hidden line that names the config a comment reports on: two jobs with two configs on one pull
 * request (a Terraform one and a CDK one, say) keep a comment each rather than overwrite one another's.
 * Percent-encoded, so that no path can end the HTML comment early (`-->`) or break its line.
 */
function configLine(configPath) {
    const path = encodeURIComponent(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(configPath.replaceAll('\\', '/')));
    // A path too long for the room the comment keeps beside the report is named by its digest.
    const named = path.length <= MAX_CONFIG_NAME ? path : `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(path).digest('hex')}`;
    return `${CONFIG_LINE}${named} -->`;
}
/** The longest config path a config line spells out, encoded. */
const MAX_CONFIG_NAME = 256;
/**
 * Writes the report as the pull request's one sticky comment of its config: found again by its marker
 * and config line (through every page of comments) and edited in place, never duplicated. A comment
 * with the marker and no config line (written before comments named their config) is taken for the
 * config's when it has none yet. `auto` comments when there are findings and edits an earlier comment
 * when they are gone; `always` comments either way.
 *
 * Two runs of one pull request at once (two pushes in a row, with no `concurrency:` group) can both
 * find no comment and both write one. So after writing one, the comments are listed again, and every
 * run keeps the oldest of the marked comments its author wrote: a run whose own is not that one writes
 * its report there and deletes its own. A duplicate an earlier race left is deleted by the next run.
 */
async function upsertComment(api, issueNumber, body, mode, hasFindings, configPath = _config_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_CONFIG_PATH */ .Bi) {
    const config = configLine(configPath);
    const text = `${COMMENT_MARKER}\n${config}\n${body}`;
    const [existing, ...duplicates] = await marked(api, issueNumber, config);
    if (existing) {
        await api.update(existing.id, text);
        await removeAll(api, duplicates, existing.author);
        return 'updated';
    }
    if (mode === 'auto' && !hasFindings)
        return 'skipped';
    const created = await api.create(issueNumber, text);
    const [oldest, ...others] = await marked(api, issueNumber, config);
    if (oldest && oldest.id !== created) {
        // Ours may be gone already: the other run deleted it as the duplicate.
        const ours = others.find((comment) => comment.id === created);
        if (ours && ours.author !== oldest.author)
            return 'created';
        await api.update(oldest.id, text);
        await removeAll(api, others, oldest.author);
        return 'updated';
    }
    await removeAll(api, others, oldest?.author);
    return 'created';
}
/**
 * The comments that carry the marker and `config`'s line, oldest first; when there are none, those
 * that carry the marker and no config line (an earlier version's).
 */
async function marked(api, issueNumber, config) {
    const ours = [];
    const unnamed = [];
    for await (const comment of api.list(issueNumber)) {
        if (!comment.body.includes(COMMENT_MARKER))
            continue;
        if (comment.body.includes(config))
            ours.push(comment);
        else if (!comment.body.includes(CONFIG_LINE))
            unnamed.push(comment);
    }
    return (ours.length > 0 ? ours : unnamed).sort((a, b) => a.id - b.id);
}
/** Deletes the duplicates `author` wrote (never a comment of someone else's that quotes the marker). */
async function removeAll(api, duplicates, author) {
    for (const duplicate of duplicates)
        if (duplicate.author === author)
            await api.remove(duplicate.id);
}
/** The CommentApi over Octokit (from @actions/github). */
function octokitCommentApi(octokit, owner, repo) {
    return {
        async *list(issueNumber) {
            const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
                owner,
                repo,
                issue_number: issueNumber,
                per_page: 100,
            });
            for await (const page of pages)
                for (const c of page.data)
                    yield { id: c.id, body: c.body ?? '', author: c.user?.login ?? '' };
        },
        async create(issueNumber, body) {
            const { data } = await octokit.rest.issues.createComment({
                owner,
                repo,
                issue_number: issueNumber,
                body,
            });
            return data.id;
        },
        async update(commentId, body) {
            await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
        },
        async remove(commentId) {
            try {
                await octokit.rest.issues.deleteComment({ owner, repo, comment_id: commentId });
            }
            catch (error) {
                if (error.status !== 404)
                    throw error;
            }
        },
    };
}


/***/ })

};
