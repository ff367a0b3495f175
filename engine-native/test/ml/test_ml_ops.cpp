#include "ml_ref.hpp"
