package callcheck.model;

public enum Aim { BEHAVIOUR_CHANGE }
