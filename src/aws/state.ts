/** Keys of what the main step saves (core.saveState) for the post step: never credentials. */
export const STATE_JOBS = 'in-flight-jobs'
export const STATE_REGION = 'aws-region'
