package callcheck.model;

public enum TargetGroup { NEWCOMERS, GENERAL_PUBLIC, ORGANISATIONS }
