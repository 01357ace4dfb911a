@_exported import GymRandom
