/**
 * Facts about other aggregates that a decision needs (does this department exist, is this
 * user a leader). The application answers them from its read models; the domain stays pure.
 */
export interface References {
  departmentExists(departmentId: string): boolean;
  /** A department merged or dissolved (撤销): it keeps its history but takes no new work. */
  departmentRetired(departmentId: string): boolean;
  isLeader(userId: string): boolean;
}
