export const id = 918;
export const ids = [918];
export const modules = {

/***/ 8918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_INSTALLED_FILES: () => (/* binding */ MAX_INSTALLED_FILES),
/* harmony export */   baseFiles: () => (/* binding */ baseFiles),
/* harmony export */   shareInstalledModules: () => (/* binding */ shareInstalledModules)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
// The files of a pull request's base revision, for the findings to be compared with: from the local git
// history (fetching the one commit when a shallow checkout lacks it, with the credentials the checkout
// left), else from the GitHub API (the tarball of the repository at the base sha), in a directory of
// their own; from the history, the files the checkout has as the base had them are hard links to it.
// Nothing in the workspace is changed; the directory is removed after the run.





const GIT_TIMEOUT_MS = 60_000;
/**
 * The base revision's files in a directory of their own under `tempRoot` (the runner's temporary
 * directory, which it empties after each job), or why they cannot be had.
 */
async function baseFiles(workspaceRoot, sha, api, logger, tempRoot = (0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)()) {
    if (!/^[0-9a-f]{40}$/.test(sha))
        return { unavailable: `the base sha ${JSON.stringify(sha)} is not a commit id` };
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(tempRoot, 'iam-policy-drift-base-'));
    const remove = () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
    const fromGit = await fromHistory(workspaceRoot, sha, dir, logger);
    if (fromGit === true)
        return { dir, via: 'git', remove };
    if (api) {
        try {
            const archive = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, '..', `${dir.split(/[\\/]/).pop()}.tar.gz`);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(archive, await api.tarball(sha));
            try {
                await run('tar', ['-xzf', archive, '-C', dir, '--strip-components=1'], dir);
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(archive, { force: true });
            }
            return { dir, via: 'api', remove };
        }
        catch (error) {
            await remove();
            return {
                unavailable: `the base revision ${sha.slice(0, 12)} is not in the local git history (${fromGit}) and the GitHub API did not give it (${error.message})`,
            };
        }
    }
    await remove();
    return {
        unavailable: `the base revision ${sha.slice(0, 12)} is not in the local git history (${fromGit}), and there is no github-token to ask the GitHub API for it`,
    };
}
/** True when the base was unpacked from the local history; else why not. */
async function fromHistory(workspaceRoot, sha, dir, logger) {
    try {
        await run('git', ['rev-parse', '--is-inside-work-tree'], workspaceRoot);
    }
    catch {
        return 'the workspace is not a git checkout';
    }
    const present = () => run('git', ['cat-file', '-e', `${sha}^{commit}`], workspaceRoot).then(() => true, () => false);
    if (!(await present())) {
        // A shallow checkout (actions/checkout's default) has only the head: fetch the base commit alone.
        logger.info(`Fetching the base revision ${sha.slice(0, 12)} (git fetch --depth=1)`);
        try {
            await run('git', ['fetch', '--depth=1', '--no-tags', '--quiet', 'origin', sha], workspaceRoot);
        }
        catch (error) {
            return `git fetch of it failed: ${error.message}`;
        }
        if (!(await present()))
            return 'git fetch did not bring it';
    }
    try {
        const linked = await linkUnchanged(workspaceRoot, sha, dir);
        if (linked) {
            logger.debug(`Base revision ${sha.slice(0, 12)}: ${linked.linked} file(s) as checked out (linked), ${linked.unpacked} from git`);
            return true;
        }
    }
    catch {
        // A file that cannot be linked (another filesystem, a sparse checkout): the whole tree from git.
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(dir);
    }
    try {
        await pipe(['git', ['archive', '--format=tar', sha], workspaceRoot], ['tar', ['-x', '-C', dir], dir]);
        return true;
    }
    catch (error) {
        return `git archive failed: ${error.message}`;
    }
}
/**
 * The base's tree in `dir`, its files the pull request leaves as they are linked to the checkout's (a
 * hard link: no data is copied, and nothing is ever written to either), the others — changed, deleted,
 * symlinks — unpacked from git. Writing every file of a large repository was most of what the
 * base cost. Undefined when the checkout is not the repository's top level; throws when a file cannot
 * be linked (the caller unpacks the whole tree instead).
 */
async function linkUnchanged(workspaceRoot, sha, dir) {
    const top = await run('git', ['rev-parse', '--show-toplevel'], workspaceRoot);
    if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(top.trim())) !== (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(workspaceRoot)))
        return undefined;
    // What differs between the base and the files as they are now: commits and any edit a step made.
    // Without trusting ctime: the links this makes change it (a link count is in the inode), and git then
    // read every file again to compare it in each later run on the same checkout (1,594 files: 120 ms).
    // An edit changes a file's mtime or size, which git still compares.
    const changed = new Set((await run('git', ['-c', 'core.trustctime=false', 'diff', '--no-renames', '--name-only', '-z', sha, '--'], workspaceRoot))
        .split('\0')
        .filter(Boolean));
    const fromGit = [];
    const made = new Set();
    let linked = 0;
    for (const entry of (await run('git', ['ls-tree', '-r', '-z', '--full-tree', sha], workspaceRoot)).split('\0')) {
        const tab = entry.indexOf('\t');
        const [mode = '', type] = entry.slice(0, tab).split(' ');
        const path = entry.slice(tab + 1);
        // A submodule's commit has no files here, as in git archive's output.
        if (tab < 0 || type !== 'blob')
            continue;
        const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, path));
        if (!made.has(parent)) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(parent, { recursive: true });
            made.add(parent);
        }
        if (changed.has(path) || (mode !== '100644' && mode !== '100755'))
            fromGit.push(path);
        else {
            // Synchronous: a link is a few microseconds, an awaited one a round trip through libuv's pool.
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.linkSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(workspaceRoot, path), (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, path));
            linked++;
        }
    }
    // The others as git archive writes them (symlinks too), a few hundred paths a command.
    for (let i = 0; i < fromGit.length; i += 200) {
        const paths = fromGit.slice(i, i + 200).map((path) => `:(literal)${path}`);
        await pipe(['git', ['archive', '--format=tar', sha, '--', ...paths], workspaceRoot], ['tar', ['-x', '-C', dir], dir]);
    }
    return { linked, unpacked: fromGit.length };
}
/** Most files of installed modules given to the base: past it, the rest of them are left out (and said). */
const MAX_INSTALLED_FILES = 50_000;
/**
 * The modules `terraform init` installed in the checkout (`<root>/.terraform/modules`, which git does
 * not hold) given to the base tree in `dir` too, as hard links (copies across filesystems): the base's
 * code calls the same registry modules, and without them every finding in them would count as new.
 * Symbolic links and `.git` directories are left out. Returns how many files were given.
 */
function shareInstalledModules(workspaceRoot, dir, roots, maxFiles = MAX_INSTALLED_FILES) {
    let given = 0;
    const walk = (relative) => {
        for (const entry of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(workspaceRoot, relative), { withFileTypes: true })) {
            if (given >= maxFiles)
                return;
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(relative, entry.name);
            if (entry.isDirectory() && entry.name !== '.git')
                walk(path);
            else if (entry.isFile()) {
                (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, path)), { recursive: true });
                try {
                    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.linkSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(workspaceRoot, path), (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, path));
                }
                catch (error) {
                    if (error.code === 'EEXIST')
                        continue;
                    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.copyFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(workspaceRoot, path), (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, path));
                }
                given++;
            }
        }
    };
    const inside = (top, path) => {
        const real = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(path);
        return real === top || real.startsWith(`${top}${node_path__WEBPACK_IMPORTED_MODULE_4__.sep}`);
    };
    const [head, base] = [(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(workspaceRoot), (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(dir)];
    for (const root of new Set(roots)) {
        const modules = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(root, '.terraform', 'modules');
        try {
            // Neither side through a link: nothing is read from, or written to, outside the two trees.
            if (inside(head, (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(workspaceRoot, modules)) && inside(base, (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, root)))
                walk(modules);
        }
        catch {
            // No installed modules under this root, or no such directory in the base.
        }
    }
    return given;
}
/** Runs a command; its standard output, or a rejection with the first line of its stderr when it fails or takes too long. */
function run(command, args, cwd) {
    return new Promise((done, fail) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: GIT_TIMEOUT_MS });
        const out = [];
        let stderr = '';
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => {
            stderr += chunk;
        });
        child.on('error', fail);
        child.on('close', (code) => code === 0
            ? done(Buffer.concat(out).toString('utf8'))
            : fail(new Error(stderr.trim().split('\n')[0] || `${command} exited with ${code}`)));
    });
}
/** `a | b`: rejects when either fails. */
function pipe([from, fromArgs, fromCwd], [to, toArgs, toCwd]) {
    return new Promise((done, fail) => {
        const source = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(from, fromArgs, {
            cwd: fromCwd,
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: GIT_TIMEOUT_MS,
        });
        const sink = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(to, toArgs, { cwd: toCwd, stdio: ['pipe', 'ignore', 'pipe'], timeout: GIT_TIMEOUT_MS });
        source.stdout.pipe(sink.stdin);
        let stderr = '';
        for (const child of [source, sink]) {
            child.stderr?.on('data', (chunk) => {
                stderr += chunk;
            });
            child.on('error', fail);
        }
        let pending = 2;
        const closed = (name) => (code) => {
            if (code !== 0)
                fail(new Error(stderr.trim().split('\n')[0] || `${name} exited with ${code}`));
            else if (--pending === 0)
                done();
        };
        source.on('close', closed(from));
        sink.on('close', closed(to));
    });
}


/***/ })

};
