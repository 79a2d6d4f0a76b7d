export const id = 648;
export const ids = [648];
export const modules = {

/***/ 7648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   octokitCommentApi: () => (/* binding */ octokitCommentApi),
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/* unused harmony export COMMENT_MARKER */
/** Hidden in the rendered comment; how a rerun finds the comment it wrote before. */
const COMMENT_MARKER = '<!-- iam-policy-drift:sticky-comment -->';
/**
 * Writes the report as the pull request's one sticky comment: found again by its marker (through every
 * page of comments) and edited in place, never duplicated. `auto` comments when there are findings and
 * edits an earlier comment when they are gone; `always` comments either way.
 */
async function upsertComment(api, issueNumber, body, mode, hasFindings) {
    let existing;
    for await (const comment of api.list(issueNumber)) {
        if (comment.body.includes(COMMENT_MARKER)) {
            existing = comment.id;
            break;
        }
    }
    const text = `${COMMENT_MARKER}\n${body}`;
    if (existing !== undefined) {
        await api.update(existing, text);
        return 'updated';
    }
    if (mode === 'auto' && !hasFindings)
        return 'skipped';
    await api.create(issueNumber, text);
    return 'created';
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
                    yield { id: c.id, body: c.body ?? '' };
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
    };
}


/***/ })

};
