/**
 * The proposal a call's rules check, as clients send it: {@link callcheck.model.Proposal} with its organisations,
 * period, financing, trajectories and actions, and the enums of the contract's values. A proposal comes from JSON
 * through {@link callcheck.model.ProposalReader} or from Java through {@link callcheck.model.Proposal#builder()};
 * both apply the same checks and refuse what they cannot take with an
 * {@link callcheck.model.InvalidProposalException} naming the field. Absent facts stay null, so that a rule can
 * report them missing rather than take them as "no". Amounts are euro as exact {@link java.math.BigDecimal}s.
 */
package callcheck.model;
