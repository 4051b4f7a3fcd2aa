package callcheck.engine;

/** What a finding does to the verdict, in the order findings are listed. */
public enum Severity { BLOCKING, MISSING, WARNING, INFO }
