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
 *
 * Two runs of one pull request at once (two pushes in a row, with no `concurrency:` group) can both
 * find no comment and both write one. So after writing one, the comments are listed again, and every
 * run keeps the oldest of the marked comments its author wrote: a run whose own is not that one writes
 * its report there and deletes its own. A duplicate an earlier race left is deleted by the next run.
 */
async function upsertComment(api, issueNumber, body, mode, hasFindings) {
    const text = `${COMMENT_MARKER}\n${body}`;
    const [existing, ...duplicates] = await marked(api, issueNumber);
    if (existing) {
        await api.update(existing.id, text);
        await removeAll(api, duplicates, existing.author);
        return 'updated';
    }
    if (mode === 'auto' && !hasFindings)
        return 'skipped';
    const created = await api.create(issueNumber, text);
    const [oldest, ...others] = await marked(api, issueNumber);
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
/** The comments that carry our marker, oldest first. */
async function marked(api, issueNumber) {
    const found = [];
    for await (const comment of api.list(issueNumber))
        if (comment.body.includes(COMMENT_MARKER))
            found.push(comment);
    return found.sort((a, b) => a.id - b.id);
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
